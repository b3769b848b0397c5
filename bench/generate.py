"""Generate realistic, varied CCHC reports ("Phụ lục 2") in the sample's own text layout.

Why: benchmarks (and load tests) need many reports that look like those agencies send,
not one sample checked 5,000 times: provincial departments, districts and communes,
every period of a year, values of every kind written in every usual form, page breaks
with the two header lines repeated and notes continued over them, and a controlled
share of the mistakes agencies really make. Deterministic for a given seed.

    python bench/generate.py OUTDIR --count 200 [--seed 1] [--period 2021] [--mistakes 0.2]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.gen_format import Cell  # noqa: E402
from bench.gen_mistakes import inject  # noqa: E402
from bench.gen_values import Agency, Draft, ReportPeriod, build_cells, choose_period  # noqa: E402
from cchc_rules.catalogue import Catalogue  # noqa: E402
from cchc_rules.checker import Checker  # noqa: E402
from cchc_rules.model import Report, ReportMeta  # noqa: E402

DEFAULT_MISTAKES = 0.2
HEADER = (
    "STT\tChỉ tiêu thống kê (Sử dụng trong kỳ báo cáo hàng quý, 6 tháng, năm)\tKết quả thống kê\t\tĐơn vị thực hiện",
    "\t\tĐơn vị tính\tSố liệu\t",
)
TITLE = "THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH TẠI {agency}"
ATTACHED = "(Kèm theo Báo cáo số {number}/BC-{code} ngày {date} của {agency})"
# Provincial agencies: (issuer code in their document numbers, has public service units).
PROVINCIAL: dict[str, tuple[str, bool]] = {
    "Sở Y tế": ("SYT", True),
    "Sở Tư pháp": ("STP", True),
    "Thanh tra tỉnh": ("TTT", False),
    "Sở Nội vụ": ("SNV", True),
    "Sở Thông tin và Truyền thông": ("STTTT", True),
    "Sở Tài chính": ("STC", False),
    "Sở Giáo dục và Đào tạo": ("SGDĐT", True),
    "Sở Kế hoạch và Đầu tư": ("SKHĐT", False),
    "Sở Xây dựng": ("SXD", True),
    "Sở Nông nghiệp và Phát triển nông thôn": ("SNN", True),
    "Sở Tài nguyên và Môi trường": ("STNMT", True),
    "Sở Lao động - Thương binh và Xã hội": ("SLĐTBXH", True),
    "Sở Công Thương": ("SCT", True),
    "Sở Văn hóa, Thể thao và Du lịch": ("SVHTTDL", True),
    "Sở Giao thông vận tải": ("SGTVT", True),
    "Ban Quản lý các khu công nghiệp": ("BQL", False),
    "Văn phòng UBND tỉnh": ("VP", True),
}
DISTRICTS = (
    "UBND huyện Châu Thành", "UBND huyện Cái Bè", "UBND huyện Chợ Gạo", "UBND huyện Tân Phước",
    "UBND huyện Gò Công Tây", "UBND huyện Long Hồ", "UBND huyện Vũng Liêm", "UBND huyện Trà Ôn",
    "UBND thị xã Bình Minh", "UBND thị xã Cai Lậy", "UBND thành phố Mỹ Tho", "Ủy ban nhân dân huyện Mang Thít",
)  # fmt: skip
COMMUNES = (
    "UBND xã An Bình", "UBND xã Tân Hòa", "UBND xã Long Định", "UBND xã Phú Quới", "UBND xã Mỹ Phước",
    "UBND xã Hòa Khánh", "UBND phường 5", "UBND phường Tân Ngãi", "UBND thị trấn Tân Hiệp",
    "UBND thị trấn Cái Nhum", "Ủy ban nhân dân xã Thạnh Phú",
)  # fmt: skip
AGENCIES: tuple[str, ...] = (*PROVINCIAL, *DISTRICTS, *COMMUNES)


@dataclass(frozen=True)
class Generated:
    text: str
    agency: Agency
    period: ReportPeriod
    mistakes: tuple[str, ...]

    @property
    def period_label(self) -> str:
        return str(self.period.year) if self.period.part == "Y" else f"{self.period.year}-{self.period.part}"


def catalogue_for(checker: Checker, agency: str, period: str = "2021") -> Catalogue:
    """The catalogue the checker will use for this agency: the template plus its plugins' rows
    (the so_tttt plugin asks Sở Thông tin và Truyền thông for rows 7.8–7.8.3)."""
    return checker.catalogue_for(Report(meta=ReportMeta(agency=agency, period=period.partition("-")[0])))


def agency_profile(catalogue: Catalogue, name: str) -> Agency:
    kind = catalogue.guess_agency_kind(name)
    code, has_sncl = PROVINCIAL.get(name, ("UBND", kind == "ubnd-huyen"))
    return Agency(name=name, code=code, kind=kind, has_sncl=has_sncl)


def _title(rng: random.Random, agency: Agency, period: ReportPeriod) -> list[str]:
    day = period.report_date
    when = f"{day.day:02d}/{day.month:02d}/{day.year}" if rng.random() < 0.7 else f"{day.day}/{day.month}/{day.year}"
    attached = ATTACHED.format(number=rng.randint(1, 320), code=agency.code, date=when, agency=agency.name)
    return ["", "", "Phụ lục 2", "", TITLE.format(agency=agency.name.upper()), "", attached, "", *HEADER]


def _rows(rng: random.Random, catalogue: Catalogue, cells: dict[str, Cell]) -> list[list[str]]:
    keep_dot = rng.random() >= 0.1  # the trailing dot of "1.3.1." is not always there
    rows: list[list[str]] = []
    for ident, ind in catalogue.indicators.items():
        cell = cells[ident]
        if ind.stt:
            stt = ind.stt if keep_dot else ind.stt.rstrip(".")
            rows.append([stt, ind.name, cell.unit, cell.raw, cell.note])
        else:
            rows.append(["", f"- {ind.name}", cell.unit, cell.raw, cell.note])
    return rows


def _paginate(rng: random.Random, rows: list[list[str]]) -> list[str]:
    """A blank line and the two header lines every ~20 rows; a long note may run onto the next page."""
    lines: list[str] = []
    left = rng.randint(12, 20)
    for row in rows:
        if left == 0:
            tail = _split_note(rng, lines)
            lines.extend(("", *HEADER))
            if tail:
                lines.append("\t\t\t\t" + tail)
            left = rng.randint(17, 24)
        lines.append("\t".join(row))
        left -= 1
    return lines


def _split_note(rng: random.Random, lines: list[str]) -> str:
    """Cut the last row's note at a space, as Word does at a page break; return the part carried over."""
    last = lines[-1].split("\t")
    note = last[4]
    if len(note) < 40 or rng.random() < 0.3:
        return ""
    spaces = [m.start() for m in re.finditer(" ", note) if 20 < m.start() < len(note) - 10]
    if not spaces:
        return ""
    cut = rng.choice(spaces)
    last[4] = note[:cut]
    lines[-1] = "\t".join(last)
    return note[cut + 1 :]


def make_report(
    rng: random.Random,
    catalogue: Catalogue,
    agency: str,
    period: str = "2021",
    mistakes: float = DEFAULT_MISTAKES,
) -> Generated:
    profile = agency_profile(catalogue, agency)
    chosen = choose_period(rng, period)
    draft = Draft(rng, catalogue, profile, chosen)
    cells = build_cells(draft)
    injected = inject(draft, cells, mistakes)
    lines = _title(rng, profile, chosen) + _paginate(rng, _rows(rng, catalogue, cells))
    return Generated("\n".join(lines) + "\n", profile, chosen, tuple(injected))


def report_text(
    rng: random.Random,
    catalogue: Catalogue,
    agency: str,
    period: str = "2021",
    mistakes: float = DEFAULT_MISTAKES,
) -> str:
    """One report as tab-separated text, as copied out of Word, with a row for each of the catalogue's indicators."""
    return make_report(rng, catalogue, agency, period, mistakes).text


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def encode(rng: random.Random, text: str) -> bytes:
    """Mostly UTF-8 with LF; some files from Windows have CRLF, a few a BOM."""
    if rng.random() < 0.3:
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    return b"\xef\xbb\xbf" + data if rng.random() < 0.1 else data


def generate(
    outdir: str | Path,
    count: int,
    seed: int = 0,
    period: str = "2021",
    mistakes: float = DEFAULT_MISTAKES,
) -> list[Path]:
    """Write `count` reports (and manifest.json: agency, period, mistakes of each) into outdir."""
    checker = Checker()
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    manifest: list[dict[str, object]] = []
    for index in range(count):
        rng = random.Random(f"{seed}:{index}")  # one stream per report: report i is the same for any count
        agency = rng.choice(AGENCIES)
        made = make_report(rng, catalogue_for(checker, agency, period), agency, period, mistakes)
        path = out / f"{index:04d}-{slug(made.agency.name)}-{made.period_label}.txt"
        path.write_bytes(encode(rng, made.text))
        paths.append(path)
        manifest.append(
            {"file": path.name, "agency": made.agency.name, "kind": made.agency.kind,
             "period": made.period_label, "mistakes": list(made.mistakes)}
        )  # fmt: skip
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--period", default="2021", help="YYYY (periods of that year) or YYYY-Q1/H1/Q3/Y")
    parser.add_argument("--mistakes", type=float, default=DEFAULT_MISTAKES, help="share of reports with mistakes")
    args = parser.parse_args(argv)
    paths = generate(args.outdir, args.count, args.seed, args.period, args.mistakes)
    manifest = json.loads((args.outdir / "manifest.json").read_text(encoding="utf-8"))
    faulty = sum(1 for m in manifest if m["mistakes"])
    print(
        f"wrote {len(paths)} reports to {args.outdir} (seed {args.seed}, period {args.period}), {faulty} with mistakes"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
