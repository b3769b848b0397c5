"""The blank form as CSV (the five columns) or as the project's JSON report format."""

from __future__ import annotations

import csv
import io
import json

from cchc_rules.catalogue import Catalogue
from cchc_rules.forms import HEADER_1, HEADER_2, form_rows, title_lines


def render_csv(catalogue: Catalogue, agency: str | None, agency_kind: str | None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for text in title_lines(agency):
        writer.writerow([text, "", "", "", ""])
    writer.writerow(HEADER_1)
    writer.writerow(HEADER_2)
    for form in form_rows(catalogue, agency_kind):
        writer.writerow(form.cells)
    return buffer.getvalue()


def render_json(catalogue: Catalogue, agency: str | None, agency_kind: str | None) -> str:
    entries = [
        {
            "id": f.indicator.id,
            "stt": f.indicator.stt,
            "name": f.indicator.name,
            "unit": f.indicator.unit,
            "raw": "",
            "note": f.cells[4],
        }
        for f in form_rows(catalogue, agency_kind)
    ]
    meta = {"agency": agency, "agency_kind": agency_kind, "title": title_lines(agency)[1],
            "template_id": catalogue.template_id, "template_version": catalogue.version}  # fmt: skip
    return json.dumps({"meta": meta, "entries": entries}, ensure_ascii=False, indent=2) + "\n"
