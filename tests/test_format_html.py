"""The HTML report: self-contained, escaped, locked down by CSP, and usable in a real browser.

The browser tests (marked `browser`) drive Debian's Chromium through Playwright; they
skip where /usr/bin/chromium is absent, except in CI (CI=true), where they fail.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from typing import Any

import pytest

from cchc_rules import check
from cchc_rules.cli.main import main
from cchc_rules.formats import FormatOptions, html
from cchc_rules.result import ReportResult

from browser import BaseWatched
from helpers import elements

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = "examples/phu-luc-2-thanh-tra-tinh-2021.txt"
NOTE_OF_1_1 = "Đã ban hành: Quyết định số 11/QĐ-TTT ngày 29/01/2021"


def hostile_copy(tmp_path: Path, script: str, image: str) -> Path:
    """A copy of the sample (never the original) whose note of 1.1 carries markup."""
    text = (ROOT / SAMPLE).read_bytes().decode("utf-8")
    assert NOTE_OF_1_1 in text
    path = tmp_path / "hostile.txt"
    path.write_bytes(text.replace(NOTE_OF_1_1, f"{script} {image} {NOTE_OF_1_1}", 1).encode("utf-8"))
    return path


def row_html(page: str, ident: str) -> str:
    match = re.search(rf'<tr id="row-{re.escape(ident)}".*?</tr>', page, re.S)
    assert match, ident
    return match.group(0)


@pytest.fixture(scope="module")
def page(result: ReportResult) -> str:
    return html.render([result], FormatOptions())


# -- static checks --------------------------------------------------------------------------------


def test_report_text_is_escaped(tmp_path: Path) -> None:
    source = hostile_copy(tmp_path, "<script>alert(1)</script>", "<img src=x onerror=alert(1)>")
    out = html.render([check(source)], FormatOptions())
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out
    assert "<img" not in out
    assert out.count("<script") == 1  # ours, at the end
    assert "alert(1)</script>" not in out


def test_csp_allows_exactly_the_inline_style_and_script(page: str) -> None:
    match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert match, "no CSP meta tag"
    policy = dict(part.strip().split(" ", 1) for part in match.group(1).split(";"))
    assert policy["default-src"] == "'none'"
    assert policy["img-src"] == "data:"
    assert "unsafe" not in match.group(1)
    for tag, directive in (("style", "style-src"), ("script", "script-src")):
        (content,) = re.findall(rf"<{tag}>(.*?)</{tag}>", page, re.S)
        digest = base64.b64encode(hashlib.sha256(content.encode("utf-8")).digest()).decode()
        assert policy[directive] == f"'sha256-{digest}'"
    assert page.index("Content-Security-Policy") < page.index("<style>")


def test_nothing_is_fetched(page: str) -> None:
    for tag, attrs in elements(page):
        for name in ("src", "href", "action", "srcset", "poster"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//")), (tag, name, value)
        assert not (tag == "link" and attrs.get("rel") == "stylesheet")
        assert not (tag == "script" and "src" in attrs)
    assert "@import" not in page and "url(" not in page
    assert not re.search(r"(src|href)\s*=\s*[\"']?\s*(https?:)?//", page, re.I)


def test_summary_then_every_row_in_template_order(page: str, result: ReportResult) -> None:
    assert page.startswith('<!DOCTYPE html>\n<html lang="vi">')
    rows = [attrs for tag, attrs in elements(page) if tag == "tr" and (attrs.get("id") or "").startswith("row-")]
    assert [r["id"] for r in rows] == [f"row-{e.id}" for e in result.report.entries]
    assert len(rows) == 141
    assert page.index("Tóm tắt") < page.index('<tr id="row-1"')
    assert page.index("Phát hiện theo mục") < page.index("Kết quả theo quy tắc") < page.index('<tr id="row-1"')
    for status in ("Đạt", "Không đạt", "Không đánh giá được"):
        assert status in page


def test_findings_sit_on_their_rows(page: str) -> None:
    total = row_html(page, "3.2")
    assert 'data-severity="error"' in total and 'class="sev-error"' in total
    assert 'data-section="3"' in total and 'data-rules="CCHC-SUM-3.2"' in total
    assert "nên 3.2 phải là 25" in total and "Giá trị đúng: 25" in total
    assert "CCHC-RATE-EXCL-7.6.3" in row_html(page, "7.6.3.a")
    ambiguous = row_html(page, "7.6.1.a")
    assert "CCHC-RATE-AMBIGUOUS" in ambiguous and 'data-severity="warning"' in ambiguous
    assert 'data-severity=""' in row_html(page, "1.1.a")  # no finding: no severity


def test_report_metadata_findings_in_general_block(page: str) -> None:
    general = page[page.index('<ul class="findings general">') : page.index('<table class="entries">')]
    assert "CCHC-META-DATE" in general and "CCHC-META-NUMBER" in general
    assert "Chung" in page


def test_filters_and_print_stylesheet(page: str) -> None:
    for control in ('name="severity" value="error"', 'name="severity" value="warning"',
                    'name="severity" value="info"', 'name="section"', 'name="rule"', 'name="q"'):  # fmt: skip
        assert control in page
    assert '<option value="CCHC-SUM-3.2">' in page and '<option value="7">' in page
    assert "@media print" in page and "@page { size: A4; margin: 15mm; }" in page
    assert "innerHTML" not in page and "outerHTML" not in page and "document.write" not in page


def test_english_and_deterministic(result: ReportResult, page: str) -> None:
    english = html.render([result], FormatOptions(lang="en"))
    assert '<html lang="en">' in english and "Summary" in english and "Expected: 25" in english
    assert html.render([result], FormatOptions()) == page


def test_several_reports_one_section_each_with_unique_ids(result: ReportResult, fixtures_dir: dict[str, Path]) -> None:
    out = html.render([result, check(fixtures_dir["sample.xlsx"])], FormatOptions())
    ids = [attrs["id"] for _, attrs in elements(out) if attrs.get("id")]
    assert len(ids) == len(set(ids))
    assert out.count('<section class="report"') == 2
    assert 'id="row-3.2"' in out and 'id="r2-row-3.2"' in out
    assert "Phụ lục 2!D36" in out


# -- in a real browser -------------------------------------------------------------------------------


class Watched(BaseWatched):
    """The shared watched page (tests/browser.py), with what these tests ask of it."""

    def row(self, ident: str) -> Any:
        return self.page.locator(f'[id="row-{ident}"]')

    def check_clean(self) -> None:
        assert self.errors == []
        assert self.requests == [self.url]


def render_file(source: str | Path, out: Path) -> Path:
    code = main(["check", str(source), "--format", f"html={out}", "--color", "never"])
    assert code in (0, 1)
    return out


@pytest.mark.browser
def test_sample_in_browser(browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    watched = Watched(browser, render_file(SAMPLE, tmp_path / "report.html"))
    page = watched.page
    assert page.locator("#filters").is_visible()  # the script ran and showed the filters
    total = watched.row("3.2").inner_text()
    assert "nên 3.2 phải là 25" in total and "Giá trị đúng: 25" in total
    assert "CCHC-RATE-EXCL-7.6.3" in watched.row("7.6.3.a").inner_text()
    assert "CCHC-RATE-AMBIGUOUS" in watched.row("7.6.1.a").inner_text()
    artifacts = ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    page.screenshot(path=str(artifacts / "report.png"), full_page=True)

    page.uncheck('input[name="severity"][value="error"]')
    page.uncheck('input[name="severity"][value="warning"]')
    states = page.evaluate(
        "Array.from(document.querySelectorAll('tr[data-filter]')).map(r => [r.id, r.dataset.severity, r.hidden])"
    )
    assert len(states) == 141
    for ident, severity, hidden in states:
        assert hidden == (severity in ("error", "warning")), ident
    assert watched.row("3.2").is_hidden() and watched.row("7.6.1.a").is_hidden()
    assert watched.row("1.6").is_visible() and watched.row("1.1.a").is_visible()
    assert "/141" in page.locator("#shown").inner_text()

    page.check('input[name="severity"][value="error"]')
    page.check('input[name="severity"][value="warning"]')
    page.select_option('select[name="section"]', "7")
    assert watched.row("3.2").is_hidden() and watched.row("7.6.3.a").is_visible()
    page.select_option('select[name="section"]', "")
    page.fill('input[name="q"]', "so tthc cap tinh")  # without diacritics still matches
    assert watched.row("3.2.a").is_visible() and watched.row("3.2.b").is_hidden()
    page.fill('input[name="q"]', "")
    page.select_option('select[name="rule"]', "CCHC-SUM-3.2")
    visible = page.evaluate("Array.from(document.querySelectorAll('tr[data-filter]')).filter(r => !r.hidden).length")
    assert visible == 1

    page.emulate_media(media="print")
    assert not page.locator("#filters").is_visible()
    watched.check_clean()


@pytest.mark.browser
def test_hostile_notes_execute_nothing(browser: Any, tmp_path: Path) -> None:
    source = hostile_copy(tmp_path, "<script>window.__pwned=1</script>", '<img src=x onerror="window.__pwned=2">')
    watched = Watched(browser, render_file(source, tmp_path / "hostile.html"))
    page = watched.page
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("img").count() == 0
    assert "<script>window.__pwned=1</script>" in watched.row("1.1").inner_text()
    watched.check_clean()
