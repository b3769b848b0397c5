"""The audit dashboard: self-contained, escaped, locked down by CSP, and right in a real browser.

As for the report page (test_format_html.py), the browser tests drive Debian's Chromium
through Playwright, and skip where /usr/bin/chromium is absent except in CI (CI=true).
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from cchc_rules.audit import AuditResult, audit, dashboard
from cchc_rules.cli.main import main

from browser import BaseWatched
from helpers import REPO, SAMPLE, elements
from test_audit_fixtures import SO_TU_PHAP, retitle, reviewer_folder, set_cell

HOSTILE_AGENCY = "Sở <script>window.__pwned=1</script><img src=x onerror=window.__pwned=2>"
HOSTILE_VALUE = "<b onmouseover=window.__pwned=3>05</b>"
HOSTILE_FILE = "<img src=x onerror=window.__pwned=4>.txt"
EXPECTED_STATUS = {
    "so-tu-phap.txt": "pass", "so-y-te.xlsx": "unreadable", "thanh-tra-tinh-copy.txt": "errors",
    "thanh-tra-tinh-corrected.txt": "warnings", "thanh-tra-tinh.txt": "errors", "": "missing",
}  # fmt: skip


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return reviewer_folder(tmp_path_factory.mktemp("dashboard"))


@pytest.fixture(scope="module")
def result(folder: Path) -> AuditResult:
    return audit(folder, expected_agencies=["Thanh tra tỉnh", "Sở Tư pháp", "Sở Y tế"])


@pytest.fixture(scope="module")
def page(result: AuditResult) -> str:
    return dashboard.render(result)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    text = retitle(SO_TU_PHAP.read_text(encoding="utf-8"), agency=HOSTILE_AGENCY)
    (folder / "hostile.txt").write_text(set_cell(text, "1.2.", HOSTILE_VALUE), encoding="utf-8")
    shutil.copy(SAMPLE, folder / HOSTILE_FILE)
    return folder


# -- static checks ---------------------------------------------------------------------------------


def test_csp_allows_exactly_the_inline_style_and_script(page: str) -> None:
    match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert match, "no CSP meta tag"
    policy = dict(part.strip().split(" ", 1) for part in match.group(1).split(";"))
    assert policy["default-src"] == "'none'" and policy["img-src"] == "data:" and "unsafe" not in match.group(1)
    for tag, directive in (("style", "style-src"), ("script", "script-src")):
        (content,) = re.findall(rf"<{tag}>(.*?)</{tag}>", page, re.S)
        digest = base64.b64encode(hashlib.sha256(content.encode("utf-8")).digest()).decode()
        assert policy[directive] == f"'sha256-{digest}'"
    assert page.index("Content-Security-Policy") < page.index("<style>")
    assert not [attrs for _, attrs in elements(page) if "style" in attrs]  # the CSP would block them


def test_nothing_is_fetched(page: str) -> None:
    for tag, attrs in elements(page):
        for name in ("src", "href", "action", "srcset", "poster", "xlink:href"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//")), (tag, name, value)
        assert not (tag == "script" and "src" in attrs) and tag not in ("img", "iframe", "object", "embed")
    assert "@import" not in page and "url(" not in page


def test_one_row_per_report_with_status_counts_and_a_link(page: str, result: AuditResult) -> None:
    tags = elements(page)
    rows = [attrs for tag, attrs in tags if tag == "tr" and attrs.get("data-status")]
    assert [r["data-status"] for r in rows] == [r.status for r in result.rows]
    ids = [attrs["id"] for _, attrs in tags if attrs.get("id")]
    assert len(ids) == len(set(ids))
    for row in result.rows:
        assert f'<td><a href="#{row.anchor}">{row.label}</a></td>' in page
        assert f'<section class="agency" id="{row.anchor}" data-status="{row.status}">' in page
    assert page.count('<figure class="chart"') == 3 and page.count("<svg") == 3
    assert "92,86%" in page and "Tính lại: 100 × 2054 / 2212 (2 cơ quan)" in page
    assert "innerHTML" not in page and "document.write" not in page


def test_english(result: AuditResult) -> None:
    result.lang = "en"
    try:
        english = dashboard.render(result)
    finally:
        result.lang = "vi"
    assert '<html lang="en">' in english and "Most frequent rules" in english and "Unreadable" in english


def test_hostile_agency_names_values_and_files_are_escaped(hostile: Path) -> None:
    out = dashboard.render(audit(hostile))
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in out
    assert "&lt;img src=x onerror=window.__pwned=2&gt;" in out
    assert "&lt;b onmouseover=window.__pwned=3&gt;05&lt;/b&gt;" in out
    assert "&lt;img src=x onerror=window.__pwned=4&gt;.txt" in out
    assert "<img" not in out and "<b " not in out and out.count("<script") == 1


# -- in a real browser -----------------------------------------------------------------------------


class Watched(BaseWatched):
    """The shared watched page (tests/browser.py), with what these tests ask of it."""

    def check_clean(self) -> None:
        assert self.errors == []
        assert self.requests == [self.url]


def render_dashboard(folder: Path, out: Path, *extra: str) -> Path:
    code = main(["audit", str(folder), "--format", f"html={out}", "--progress", "never", *extra])
    assert code == 1 and out.exists()
    return out


@pytest.mark.browser
def test_dashboard_in_browser(browser: Any, folder: Path, tmp_path: Path) -> None:
    agencies = tmp_path / "agencies.txt"
    agencies.write_text("Thanh tra tỉnh\nSở Tư pháp\nSở Y tế\n", encoding="utf-8")
    watched = Watched(browser, render_dashboard(folder, tmp_path / "dashboard.html", "--expected-agencies",
                                                str(agencies)))  # fmt: skip
    page = watched.page
    assert page.locator("#filters").is_visible()  # the script ran
    statuses = page.evaluate(
        "Array.from(document.querySelectorAll('tr[data-status]'))"
        ".map(r => [r.querySelector('td.file').textContent, r.dataset.status, r.querySelector('.status').textContent])"
    )
    assert {name: status for name, status, _ in statuses} == EXPECTED_STATUS
    assert [label for name, _, label in statuses if name == "so-y-te.xlsx"] == ["Không đọc được"]

    artifacts = REPO / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    bottom = page.evaluate("document.getElementById('agencies').getBoundingClientRect().bottom + window.scrollY")
    page.screenshot(path=str(artifacts / "dashboard.png"), full_page=True,
                    clip={"x": 0, "y": 0, "width": 1280, "height": bottom + 16})  # fmt: skip

    # the charts: inline SVG, bars drawn, the agency chart's labels link to the agencies
    assert page.locator("svg.chart").count() == 3
    assert page.locator("#chart-agencies rect").count() >= 3 and page.locator("#chart-rates rect").count() >= 2
    assert "92,86%" in page.locator("#chart-rates").inner_text()

    # the link of a row goes to that agency's own findings
    row = page.locator("tr[data-status]", has_text="thanh-tra-tinh.txt").first
    anchor = row.locator("a").get_attribute("href")
    assert anchor and anchor.startswith("#agency-")
    row.locator("a").click()
    assert page.evaluate("location.hash") == anchor
    target = page.locator(anchor)
    assert page.evaluate("document.querySelector(':target').id") == anchor[1:]
    assert target.is_visible() and "CCHC-SUM-3.2" in target.inner_text() and "AUDIT-DUPLICATE" in target.inner_text()
    box = target.bounding_box()
    assert box is not None and -1 <= box["y"] < 900  # scrolled to it

    # the status filter hides rows, and says how many are shown
    page.uncheck('input[name="status"][value="errors"]')
    hidden = page.evaluate("Array.from(document.querySelectorAll('tr[data-status]')).filter(r => r.hidden).length")
    assert hidden == 2 and page.locator("#shown").inner_text() == "Đang hiện 4/6 cơ quan"
    page.fill('input[name="q"]', "tu phap")  # without diacritics still matches
    assert page.evaluate("Array.from(document.querySelectorAll('tr[data-status]')).filter(r => !r.hidden).length") == 1

    page.emulate_media(media="print")
    assert not page.locator("#filters").is_visible()
    watched.check_clean()


@pytest.mark.browser
def test_hostile_reports_execute_nothing(browser: Any, hostile: Path, tmp_path: Path) -> None:
    watched = Watched(browser, render_dashboard(hostile, tmp_path / "hostile.html"))
    page = watched.page
    page.locator("tr[data-status] a").first.hover()
    page.locator(f"text={HOSTILE_VALUE}").first.hover()
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("img").count() == 0
    assert HOSTILE_AGENCY in page.locator("table.agencies").inner_text()
    assert HOSTILE_FILE in page.locator("table.agencies").inner_text()
    watched.check_clean()
