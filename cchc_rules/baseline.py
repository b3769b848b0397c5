"""Baselines and suppressions: what a data team has accepted, so that the gate fails
only on new mistakes.

A finding's fingerprint is its rule id, its indicators and the identity of its source
(agency and period when the report names them, else its path): never a line number, so
that editing a report above a finding does not make it new.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from cchc_rules.config import Suppression
from cchc_rules.errors import CchcError
from cchc_rules.findings import Finding
from cchc_rules.result import ReportResult

VERSION = 1


def source_identity(result: ReportResult, root: Path) -> str:
    meta = result.report.meta
    if meta.agency and meta.period:
        return f"{meta.agency.casefold()}|{meta.period}"
    try:
        return Path(result.source).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(result.source).name


def fingerprint(result: ReportResult, finding: Finding, root: Path) -> str:
    key = "|".join((finding.rule_id, ",".join(finding.indicators), source_identity(result, root)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def write(path: Path, results: Sequence[ReportResult], lang: str = "vi") -> str:
    """The baseline as JSON text: one record per finding, sorted, for a readable git diff."""
    root = path.parent
    records = []
    for result in results:
        for finding in result.findings:
            records.append(
                {
                    "fingerprint": fingerprint(result, finding, root),
                    "rule_id": finding.rule_id,
                    "indicators": list(finding.indicators),
                    "source": source_identity(result, root),
                    "message": result.message(finding, lang),
                }
            )
    records.sort(key=lambda r: (r["source"], r["rule_id"], r["indicators"], r["fingerprint"]))
    return json.dumps({"version": VERSION, "findings": records}, ensure_ascii=False, indent=2) + "\n"


def read(path: Path) -> Counter[str]:
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CchcError("file-not-found", path=str(path)) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CchcError("invalid-baseline", path=str(path), reason=str(exc)) from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise CchcError(
            "invalid-baseline", path=str(path), reason=f"expected {{'version': {VERSION}, 'findings': [...]}}"
        )
    try:
        return Counter(str(record["fingerprint"]) for record in data["findings"])
    except (KeyError, TypeError) as exc:
        raise CchcError("invalid-baseline", path=str(path), reason=f"a record lacks {exc}") from None


def apply_baseline(results: Iterable[ReportResult], accepted: Counter[str], root: Path) -> int:
    """Drop the findings the baseline accepts (each as many times as it was recorded)."""
    left = Counter(accepted)
    dropped = 0
    for result in results:
        kept: list[Finding] = []
        for finding in result.findings:
            key = fingerprint(result, finding, root)
            if left[key] > 0:
                left[key] -= 1
                dropped += 1
            else:
                kept.append(finding)
        result.extras["baselined"] = len(result.findings) - len(kept)
        result.findings = kept
    return dropped


def _matches(rule: Suppression, result: ReportResult, finding: Finding) -> bool:
    if finding.rule_id != rule.rule:
        return False
    if rule.indicator is not None and rule.indicator not in finding.indicators:
        return False
    if rule.source is not None:
        source = Path(result.source).as_posix()
        return fnmatch.fnmatch(source, rule.source) or fnmatch.fnmatch(Path(source).name, rule.source)
    return True


def apply_suppressions(results: Iterable[ReportResult], rules: Sequence[Suppression]) -> int:
    dropped = 0
    for result in results:
        kept = [f for f in result.findings if not any(_matches(r, result, f) for r in rules)]
        result.extras["suppressed"] = len(result.findings) - len(kept)
        dropped += len(result.findings) - len(kept)
        result.findings = kept
    return dropped
