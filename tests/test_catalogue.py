"""The catalogue: the whole template, valid against its schema, and a schema whose
errors name the file, the line and the field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cchc_rules.catalogue import bundled_files, load_file
from cchc_rules.errors import CchcError
from cchc_rules.loading import load_report
from cchc_rules.model import ValueKind

from helpers import SAMPLE

ID = re.compile(r"^\d+(\.\d+)*(\.[a-z])?$")


@pytest.fixture(scope="module")
def catalogue_path() -> Path:
    [path] = bundled_files()
    return path


def test_bundled_catalogue_is_valid(catalogue_path: Path) -> None:
    catalogue = load_file(catalogue_path, validate=True)
    assert len(catalogue.indicators) == 141
    ids = list(catalogue.indicators)
    assert ids[0] == "1" and ids[-1] == "7.7.c"
    assert all(ID.match(i) for i in ids)


def test_catalogue_names_and_units_are_the_sample_as_printed(catalogue_path: Path) -> None:
    catalogue = load_file(catalogue_path)
    report = load_report(SAMPLE)
    assert [e.id for e in report.entries] == list(catalogue.indicators)
    for entry in report.entries:
        ind = catalogue.indicators[entry.id]
        assert (entry.name, entry.unit) == (ind.name, ind.unit), entry.id
        assert ind.name_en


def test_semantics_the_domain_requires(catalogue_path: Path) -> None:
    c = load_file(catalogue_path)
    assert c.indicators["3.2"].children_relation == "sum"
    assert c.indicators["3.4.4"].children_relation == "of_which"
    assert c.indicators["7.6.3"].children_relation == "rates"
    assert c.indicators["4.1.4.d"].relation == "rate"
    assert c.indicators["7.2"].legend == {0: "Chưa có", 1: "2 cấp", 2: "3 cấp"}
    assert c.indicators["1.3.1"].kind is ValueKind.FRACTION
    assert c.indicators["3.4.7.3.b"].kind is ValueKind.MONEY
    assert all(c.indicators[i].cumulative for i in ("6.1", "6.2", "6.3", "6.4", "6.5"))
    assert c.indicators["4.1.1"].reported_by == "so-noi-vu"
    assert c.guess_agency_kind("Thanh tra tỉnh") == "thanh-tra-tinh"
    assert c.kind_lineage("thanh-tra-tinh") == {"thanh-tra-tinh", "so-nganh"}


BROKEN = {
    "duplicate id": ("  - id: \"1.1.b\"\n", "  - id: \"1.1.a\"\n", "indicators[1.1.a].id", "duplicate id"),
    "child without parent": (
        '    parent: "1.1"\n    name: "Số nhiệm vụ đề ra',
        '    parent: "1.9"\n    name: "Số nhiệm vụ đề ra',
        "indicators[1.1.a].parent",
        "parent '1.9'",
    ),
    "coded without legend": (
        '    legend: {0: "Trực tuyến"',
        '    legend_x: {0: "Trực tuyến"',
        "indicators[1.6.b]",
        "legend",
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_schema_errors_name_file_line_and_field(name: str, catalogue_path: Path, tmp_path: Path) -> None:
    old, new, field, reason = BROKEN[name]
    text = catalogue_path.read_text(encoding="utf-8")
    assert old in text
    if name == "coded without legend":
        text = text.replace(old, new).replace("    legend_x:", "    # legend removed:")
        text = re.sub(r"\n    legend_en: \{0: \"Online\"[^\n]*", "", text)
    else:
        text = text.replace(old, new, 1)
    bad = tmp_path / "broken.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(CchcError) as caught:
        load_file(bad)
    err = caught.value
    assert err.exit_code == 2
    message = err.message("en")
    assert str(bad) in message and field in message and reason in message
    line = int(message.split(str(bad) + ":")[1].split(":")[0])
    assert old.strip().split("\n")[0][:10] in text.split("\n")[line - 1] or line > 1
