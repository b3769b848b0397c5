"""The benchmark report generator (bench/generate.py): its reports must read as the
template does, or the benchmarks would time the checker on something agencies never
send. Every report parses into the 141 rows, checking never raises, and a report
without injected mistakes has no error. Nothing here is timed."""

from __future__ import annotations

import random
from pathlib import Path

from bench.generate import generate, report_text
from cchc_rules import check
from cchc_rules.catalogue import default_catalogue
from cchc_rules.checker import Checker
from cchc_rules.findings import ENGINE_RULE, Severity
from cchc_rules.loading import load_report


def test_every_generated_report_parses_into_the_141_rows(tmp_path: Path) -> None:
    template = set(default_catalogue().indicators)
    assert len(template) == 141
    checker = Checker()
    for path in generate(tmp_path, 20, seed=11):
        report = load_report(path)
        known = [e.id for e in report.entries if e.known]
        assert sorted(known) == sorted(template), path.name
        # Rows beyond the template are only those an agency's plugin adds (so_tttt: 7.8–7.8.3),
        # and the checker, which applies the plugin, knows them.
        extra = {e.id for e in report.entries if not e.known}
        assert extra <= set(checker.catalogue_for(report).indicators) - template, path.name
        assert all(e.known for e in checker.load(path).entries), path.name


def test_checking_generated_reports_never_raises(tmp_path: Path) -> None:
    for path in generate(tmp_path, 20, seed=12, mistakes=0.5):
        result = check(path)
        assert not [f for f in result.findings if f.rule_id == ENGINE_RULE], path.name


def test_without_mistakes_no_report_has_an_error(tmp_path: Path) -> None:
    for path in generate(tmp_path, 20, seed=13, mistakes=0.0):
        result = check(path)
        errors = [(f.rule_id, f.indicators) for f in result.findings if f.severity is Severity.ERROR]
        assert errors == [], path.name


def test_the_same_seed_gives_the_same_reports(tmp_path: Path) -> None:
    first = [p.read_bytes() for p in generate(tmp_path / "a", 3, seed=5)]
    again = [p.read_bytes() for p in generate(tmp_path / "b", 3, seed=5)]
    assert first == again


def test_report_text_has_the_sample_layout() -> None:
    text = report_text(random.Random(1), default_catalogue(), "UBND xã An Bình", mistakes=0.0)
    lines = text.splitlines()
    assert "Phụ lục 2" in lines
    assert "CẢI CÁCH HÀNH CHÍNH TẠI UBND XÃ AN BÌNH" in text
    assert any(line.startswith("(Kèm theo Báo cáo số ") and line.endswith("của UBND xã An Bình)") for line in lines)
    assert sum(1 for line in lines if line.startswith("STT\t")) >= 5  # page breaks repeat the header
    assert all(len(line.split("\t")) == 5 for line in lines if "\t" in line)
