"""Options several commands share."""

from __future__ import annotations

import argparse


def report(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--agency", help="tên cơ quan / agency name (overrides the title line)")
    parser.add_argument("--agency-kind", help="loại cơ quan / kind of agency, e.g. so-nganh, thanh-tra-tinh")
    parser.add_argument("--period", help="kỳ báo cáo / period: 2021, 2022-Q1, 2022-H1, 2022-Q3")


def plugins(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--plugins-dir", action="append", default=[], metavar="DIR", help="local plugin files")
    parser.add_argument("--plugin", action="append", default=[], metavar="NAME", help="apply to every report")
    parser.add_argument("--no-plugin", action="append", default=[], metavar="NAME", help="turn a plugin off")
