"""What must be reported by this agency: plain data that plugins adjust and rules read."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Applicability:
    absent_features: set[str] = field(default_factory=set)
    not_applicable: set[str] = field(default_factory=set)
    required: set[str] = field(default_factory=set)
