"""Shared paths and small builders for the tests."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "examples" / "phu-luc-2-thanh-tra-tinh-2021.txt"
CORRECTED = REPO / "tests" / "fixtures" / "phu-luc-2-corrected.txt"
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "phu-luc-2-thanh-tra-tinh-2021.txt"


def sample_lines() -> list[str]:
    return SAMPLE.read_text(encoding="utf-8").split("\n")


def edited_sample(tmp_path: Path, edits: dict[int, dict[int, str]], name: str = "edited.txt") -> Path:
    """A copy of the sample with cells replaced: {line number: {column: new text}}."""
    lines = sample_lines()
    for number, cells in edits.items():
        row = lines[number - 1].split("\t")
        for column, value in cells.items():
            row[column] = value
        lines[number - 1] = "\t".join(row)
    path = tmp_path / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def venv_with_this_environment(folder: Path, *extra: Path) -> tuple[Path, str]:
    """A fresh virtual environment that sees this one's packages through a .pth file, so
    that installing into it needs no network. Returns its python and its site-packages."""
    import subprocess
    import sys
    import sysconfig

    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    python = folder / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    paths = [sysconfig.get_paths()["purelib"], *map(str, extra)]
    Path(site, "this_environment.pth").write_text("\n".join(paths) + "\n", encoding="utf-8")
    return python, site


def elements(page: str) -> list[tuple[str, dict[str, str | None]]]:
    """Every start tag of an HTML page with its attributes, in document order."""
    from html.parser import HTMLParser

    tags: list[tuple[str, dict[str, str | None]]] = []

    class Elements(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            tags.append((tag, dict(attrs)))

    Elements().feed(page)
    return tags
