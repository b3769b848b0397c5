"""Golden-file comparison. After an intentional change, regenerate with
CCHC_UPDATE_GOLDEN=1 pytest, and review the diff before committing it."""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def assert_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("CCHC_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"no golden file {name}; run with CCHC_UPDATE_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{name} differs from its golden file (CCHC_UPDATE_GOLDEN=1 to accept)"
