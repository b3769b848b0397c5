# ruff: noqa: E501 - the corpus below: one note and what is read of it a line
"""The note parsers' speed-ups must read every note as the parsers always have (issue #10).

notes/citations.py and notes/arithmetic.py keep what their expressions find by a note's shape
(its text with every digit written 0), citations.py reads a note of several documents one "; "
at a time, and notes/scan.py tries each expression only where it can start. Held here to:

- CORPUS: tricky notes (the tests' and rule cases' own, and random edits of generated notes:
  digits, "/", "-", "ngày", "số", words inserted or deleted) with what the parsers read of each
  before the speed-ups (describe() below). bench/notes_oracle.py checks 200,000 notes the same
  way, and every rule's findings on 10,000 generated reports;
- the same notes with other digits, read by a shape another note left, against a reading from
  scratch (no shape kept, the note read whole), and random notes built from the pieces of real
  ones (hypothesis);
- the characters re.IGNORECASE matches, which the candidate expressions (scan.ci_chars) and the
  lower-case word checks (citations._lower_misses) must allow for, against every code point.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_rules import values
from cchc_rules.notes import arithmetic, citations
from cchc_rules.notes.arithmetic import Figure, figures
from cchc_rules.notes.citations import ParsedNote, parse_note
from cchc_rules.notes.scan import ci_chars


def describe(note: str) -> str:
    """What the parsers read of a note, compactly: documents (C), dates (D), months (M), clauses
    (K), what the document rules total (T), documents out of order (P), figures (F), and a digest
    of every text they quote."""
    p = parse_note(note)
    out = []
    for c in p.citations:
        acts = "+".join(sorted(c.activities))
        date = c.date.text if c.date else ""
        out.append(f"C{c.start}-{c.end}:{c.doc_type}:{c.number}:{c.issuer}:{c.year}:{date}:{int(c.basis)}:{acts}")
    for d in p.dates:
        out.append(f"D{d.start}-{d.end}:{d.day}.{d.month}.{d.year}:{int(d.value is not None)}")
    for m in p.months:
        out.append(f"M{m.start}-{m.end}:{m.first}:{m.last}")
    out.append("K" + ",".join(f"{a}-{b}" for a, b in p.clauses))
    out.append(f"T{len(p.issue_dates)}:{p.latest_issue}:{len(p.invalid_dates)}:{','.join(k for k, _, _ in p.numbered)}")
    for s in p.sequence_problems:
        out.append(f"P{s.citation.start}:{s.activity}:{s.variant}")
    found = figures(note)
    for f in found:
        terms = ",".join(map(str, f.terms))
        out.append(f"F{f.kind}{f.start}-{f.end}:{f.total:.6g}:{terms}:{f.numerator}/{f.denominator}:{len(f.nouns)}")
    texts = [p.text, *(c.quote + "|" + c.clause for c in p.citations)]
    texts += [f.quote + "|" + f.clause + "|" + "|".join(f.nouns) for f in found]
    out.append("#" + hashlib.sha256("\x00".join(texts).encode("utf-8", "surrogatepass")).hexdigest()[:12])
    return " ".join(out)


CORPUS: list[tuple[str, str]] = [
    (
        "The corrected fixture dates the minutes 29/11/2021, after the report of 22/11: closing minutes may.",
        "D40-50:29.11.2021:1 K0-99 T0:None:0: Fratio72-77:200::22/11:1 #371c6c292c8a",
    ),
    (
        "Quyết định số 5/QĐ-TTT ngày 20/10/2021 kiểm tra; Báo cáo số 7/BC-TTT ngày 10/10/2021 kết quả kiểm tra",
        "C0-38:QĐ:5/QĐ-TTT:TTT:None:20/10/2021:0:kiểm tra C49-84:BC:7/BC-TTT:TTT:None:10/10/2021:0:kiểm tra D28-38:20.10.2021:1 D74-84:10.10.2021:1 K0-47,48-101 T2:2021-10-20:0:5/qđ-ttt,7/bc-ttt P0:kiểm tra:pair Flisting0-101:2:1,1:None/None:2 #fc231baaf1d8",
    ),
    (
        "Báo cáo số 7/BC-TTT ngày 10/10/2021 kết quả kiểm tra; Quyết định số 9/QĐ-TTT ngày 20/10/2021 xử lý sau kiểm tra",
        "C0-35:BC:7/BC-TTT:TTT:None:10/10/2021:0:kiểm tra C54-92:QĐ:9/QĐ-TTT:TTT:None:20/10/2021:0:kiểm tra D25-35:10.10.2021:1 D82-92:20.10.2021:1 K0-52,53-111 T2:2021-10-20:0:7/bc-ttt,9/qđ-ttt Flisting0-111:2:1,1:None/None:2 #dd49c4a4f575",
    ),
    ("1135/QĐ-UBND", "C0-12:QĐ:1135/QĐ-UBND:UBND:None::0: K0-12 T0:None:0: #eaa247fe9070"),
    (
        "Biên bản ngày 31/02/2021",
        "C0-24:BB:None:None:None:31/02/2021:0: D14-24:31.2.2021:0 K0-24 T0:None:1: #42f1da21f53a",
    ),
    (
        "thực hiện trong tháng 11/2021, đánh giá trong quý IV/2021, ngày 27 tháng 8 năm 2021",
        "D59-83:27.8.2021:1 M16-29:2021-11-01:2021-11-30 M46-57:2021-10-01:2021-12-31 K0-83 T0:None:0: #6504427e79ae",
    ),
    (
        "tháng 12/9999, quý IV/9999, ngày 31/12/9999, tháng 0/2021, quý 4/0000",
        "D33-43:31.12.9999:1 M0-13:9999-12-01:9999-12-31 M15-26:9999-10-01:9999-12-31 K0-69 T0:None:0: #5c8af6d781a8",
    ),
    (
        "Kế hoạch số 5/KH-TTT, hoàn thành trước ngày 31/12/2021; Tính từ 01/01/2021 đến 14/12/2021",
        "C0-20:KH:5/KH-TTT:TTT:None::0: D44-54:31.12.2021:1 D64-74:1.1.2021:1 D79-89:14.12.2021:1 K0-54,55-89 T0:None:0: #60d5ac6a5cb1",
    ),
    ("29/01/2021", "D0-10:29.1.2021:1 K0-10 T0:None:0: #dde67cd99d0b"),
    (" Biên bản ngày ", "C1-9:BB:None:None:None::0: K0-15 T0:None:0: #7ed164802509"),
    ("Số: 11/QĐ-TTT", "C4-13:QĐ:11/QĐ-TTT:TTT:None::0: K0-13 T0:None:0: #1af0de127a3a"),
    ("11/QĐ-TTT", "C0-9:QĐ:11/QĐ-TTT:TTT:None::0: K0-9 T0:None:0: #ca8ab8b1a42e"),
    ("theo Nghị định 09/2019/NĐ-CP", "C5-28:NĐ:09/2019/NĐ-CP:CP:2019::1: K0-28 T0:None:0: #9f00ee34adda"),
    ("09/2019/NĐ-CP", "C0-13:NĐ:09/2019/NĐ-CP:CP:2019::0: K0-13 T0:None:0: #2a6da83b854e"),
    (
        "công văn số 828/TTT-VP ngày 09/11/2021",
        "C0-38:CV:828/TTT-VP:TTT:None:09/11/2021:0: D28-38:9.11.2021:1 K0-38 T1:2021-11-09:0:828/ttt-vp #9341dfff8efd",
    ),
    ("828/TTT-VP", "C0-10:CV:828/TTT-VP:TTT:None::0: K0-10 T0:None:0: #25889ab7a273"),
    (
        "QĐ số 2493/QĐ-UBND ngày 27/8/2021 (2 TTHC)",
        "C0-33:QĐ:2493/QĐ-UBND:UBND:None:27/8/2021:0: D24-33:27.8.2021:1 K0-42 T1:2021-08-27:0:2493/qđ-ubnd Fparts34-42:2:2:None/None:1 #1de9b81bd7f2",
    ),
    ("2493/QĐ-UBND", "C0-12:QĐ:2493/QĐ-UBND:UBND:None::0: K0-12 T0:None:0: #269c24588d58"),
    (
        "Báo cáo số 127/BC-TTT ngày 22/11/2021",
        "C0-37:BC:127/BC-TTT:TTT:None:22/11/2021:0: D27-37:22.11.2021:1 K0-37 T1:2021-11-22:0:127/bc-ttt #e1697340b418",
    ),
    ("127/BC-TTT", "C0-10:BC:127/BC-TTT:TTT:None::0: K0-10 T0:None:0: #0c959cd07a32"),
    ("Tờ trình số 5/TTr-SNV", "C0-21:TTr:5/TTr-SNV:SNV:None::0: K0-21 T0:None:0: #dd14c70d03d3"),
    ("5/TTr-SNV", "C0-9:TTr:5/TTr-SNV:SNV:None::0: K0-9 T0:None:0: #1895fc83523b"),
    (
        "QĐ số 2493/QĐ- UBND ngày 27/8/2021",
        "C0-34:QĐ:2493/QĐ-UBND:UBND:None:27/8/2021:0: D25-34:27.8.2021:1 K0-34 T1:2021-08-27:0:2493/qđ-ubnd #c532e790fece",
    ),
    ("ngày 29/01/2021", "D5-15:29.1.2021:1 K0-15 T0:None:0: #a884a6e0a227"),
    ("ngày 27/8/2021", "D5-14:27.8.2021:1 K0-14 T0:None:0: #82b51874b64a"),
    ("ban hành ngày 27 tháng 8 năm 2021", "D9-33:27.8.2021:1 K0-33 T0:None:0: #fa4c3839c6ef"),
    ("ngày 05-11-2021", "D5-15:5.11.2021:1 K0-15 T0:None:0: #37d2a4fed99b"),
    ("31/02/2021", "D0-10:31.2.2021:0 K0-10 T0:None:1: #b7f9d2b8b164"),
    (
        "1604/1712 văn bản; 05/05 phòng; tháng 11/2021; 09/2019/NĐ-CP",
        "C47-60:NĐ:09/2019/NĐ-CP:CP:2019::0: M32-45:2021-11-01:2021-11-30 K0-17,18-30,31-45,46-60 T0:None:0: Fratio0-17:93.6916::1604/1712:1 Fratio19-30:100::5/5:1 #e7a7d2ace2ce",
    ),
    ("tháng 11/2021", "M0-13:2021-11-01:2021-11-30 K0-13 T0:None:0: #7c0002154833"),
    ("239/QĐ-TTT", "C0-10:QĐ:239/QĐ-TTT:TTT:None::0: K0-10 T0:None:0: #bffa4d4f2ced"),
    ("- Quyết định số ", "C2-12:QĐ:None:None:None::0: K1-16 T0:None:0: #07995c895cd2"),
    ("28/10/2021", "D0-10:28.10.2021:1 K0-10 T0:None:0: #c925c32729e1"),
    ("22/11/2021", "D0-10:22.11.2021:1 K0-10 T0:None:0: #3c02cb26415c"),
    ("958/TB-TTT", "C0-10:TB:958/TB-TTT:TTT:None::0: K0-10 T0:None:0: #ed3b20086db0"),
    ("24/11/2021", "D0-10:24.11.2021:1 K0-10 T0:None:0: #2eba1746af50"),
    ("Quyết định số", "C0-10:QĐ:None:None:None::0: K0-13 T0:None:0: #81ae7a9a0b2c"),
    ("(4 TTHC)", "K0-8 T0:None:0: Fparts0-8:4:4:None/None:1 #7231e05a4c68"),
    ("Biên bản", "C0-8:BB:None:None:None::0: K0-8 T0:None:0: #1151653de88b"),
    ("1135/QĐ-UBND - Lĩnh vực Khiếu nại", "C0-12:QĐ:1135/QĐ-UBND:UBND:None::0: K0-13,14-33 T0:None:0: #2dd242969a3b"),
    ("29/11/2021", "D0-10:29.11.2021:1 K0-10 T0:None:0: #a20fffbb2911"),
    (
        "- Lĩnh vực phòng, chống tham nhũng: QĐ số 1243/QĐ-UBND (4 TTHC); 1135/QĐ-UBND (3 TTHC).",
        "C36-54:QĐ:1243/QĐ-UBND:UBND:None::0: C65-77:QĐ:1135/QĐ-UBND:UBND:None::0: K1-63,64-87 T0:None:0: Fparts55-86:7:4,3:None/None:2 #7d8e34e1c6db",
    ),
    (
        '5.2.1.a = 0 with "tiếp nhận 02 CC … chuyển về" (transfers); 1.7 = 1 with "11 vụ" (a yes/no);\n    1.6.b\'s "Số phiếu thu vào: 18" (not 1.6.a\'s 29); none of the sample\'s notes contradicts its value.',
        "K0-58,59-91,93-144,145-195 T0:None:0: Fcount10-16:0:0:None/None:1 Fcount28-33:2:2:None/None:1 Fcount66-72:1:1:None/None:1 Fcount74-79:11:11:None/None:1 Flabelled106-126:18:18:None/None:1 #41b34808a8d5",
    ),
    (
        'Had the note said "tuyển dụng 02 CC", 0 would contradict it; "tiếp nhận … chuyển về" does not.',
        "K0-59,60-94 T0:None:0: Fcount30-35:2:2:None/None:1 Fcount38-59:0:0:None/None:1 #af2d106cc6eb",
    ),
    ("Trong năm 2021, Không phát sinh hồ sơ", "K0-37 T0:None:0: Fzero16-31:0::None/None:0 #53284d0446e8"),
    (
        "tháng 11/2021; quý IV/2021",
        "M0-13:2021-11-01:2021-11-30 M15-26:2021-10-01:2021-12-31 K0-13,14-26 T0:None:0: #22b91a008acf",
    ),
    (
        "Quyết định số 11/QĐ-TTT ngày 29/01/2021",
        "C0-39:QĐ:11/QĐ-TTT:TTT:None:29/01/2021:0: D29-39:29.1.2021:1 K0-39 T1:2021-01-29:0:11/qđ-ttt #d9ccd3a0fbd1",
    ),
    (
        "theo Chỉ thị số 12/CT-UBND ngày 26/5/2017",
        "C5-41:CT:12/CT-UBND:UBND:None:26/5/2017:1: D32-41:26.5.2017:1 K0-41 T1:2017-05-26:0:12/ct-ubnd #9906dac4e166",
    ),
    ("1604/1712 = 93,69%", "K0-18 T0:None:0: Fratio0-9:93.6916::1604/1712:1 #454d5de84a9e"),
    ("21 VBQPPL", "K0-9 T0:None:0: Fcount0-9:21:21:None/None:1 #37093e32f024"),
    ("02 trường hợp", "K0-13 T0:None:0: Fcount0-13:2:2:None/None:1 #590d036519f9"),
    ("11 vụ đối thoại", "K0-15 T0:None:0: Fcount0-15:11:11:None/None:1 #7c2ca6c018c3"),
    ("Gồm 1604 VBĐT và 108 văn bản mật", "K0-32 T0:None:0: Fcomposition0-32:1712:1604,108:None/None:2 #a4b56ce6e5d5"),
    ("(3 TTHC);", "K0-8 T0:None:0: Fparts0-8:3:3:None/None:1 #1d7fb10dbcab"),
    ("không phát sinh", "K0-15 T0:None:0: Fzero0-15:0::None/None:0 #c20b954fdb46"),
    ("Kế hoạch", "C0-8:KH:None:None:None::0: K0-8 T0:None:0: #29ba65233db8"),
    ("QĐ số 1/QĐ-UBND", "C0-15:QĐ:1/QĐ-UBND:UBND:None::0: K0-15 T0:None:0: #bc3103e5d83e"),
    ("(0 TTHC)", "K0-8 T0:None:0: Fparts0-8:0:0:None/None:1 #ee469d60eb0c"),
    (
        "1243/QĐ-UBND (4 TTHC)",
        "C0-12:QĐ:1243/QĐ-UBND:UBND:None::0: K0-21 T0:None:0: Fparts13-21:4:4:None/None:1 #badc0a1ab694",
    ),
    ("1604/1712 văn bản", "K0-17 T0:None:0: Fratio0-17:93.6916::1604/1712:1 #24454716d696"),
    (
        "(Trong năm 2021: 02 trường hợp là đ/c A; đ/c B)",
        "K0-39,40-47 T0:None:0: Fcount17-39:2:2:None/None:1 #69635b0017af",
    ),
    ("Lãnh đạo đã tham dự 11 vụ đối thoại lần hai", "K0-43 T0:None:0: Fcount20-43:11:11:None/None:1 #db94dc713572"),
    (
        "Kết quả: - Số phiếu phát ra: 29 - Số phiếu thu vào: 18",
        "K0-9,10-32,33-54 T0:None:0: Flabelled11-31:29:29:None/None:1 Flabelled34-54:18:18:None/None:1 #813a7988a06b",
    ),
    ("(Trong năm 2021: tuyển dụng 02 CC qua thi tuyển)", "K0-48 T0:None:0: Fcount28-47:2:2:None/None:1 #c92e7bdf5ab3"),
    (
        "3.2 = 25 is given and agrees with the five checks that bound other rows by it; a child of\n    30 cannot be any other child's error (they would turn negative): 3.2.b should be 8.",
        "K0-77,78-89,90-177 T0:None:0: Fcount6-33:25:25:None/None:1 Fcount94-122:30:30:None/None:1 #eade161a46bf",
    ),
    (
        "5 online dossiers with no dossier at all and no level-3 procedure: one cell answers both rules.",
        "K0-95 T0:None:0: Fcount0-33:5:5:None/None:1 #ce8bfcabaf46",
    ),
    (
        "a + b = 187,38%: a is confirmed by its note, b's note is a copy of a's, and 7.6.3's note\n    (1604 electronic documents of 1712) makes a + b = 93,69%: b should be 0%.",
        "K0-2,3-88,89-137,138-166 T0:None:0: Fcount94-122:1604:1604:None/None:1 #e25381856029",
    ),
    ("3.2 agrees with 5 other checks", "K0-30 T0:None:0: Fcount16-30:5:5:None/None:1 #267e56563262"),
    (
        "x + y = 3, x − y = 0 holds over the reals (1,5; 1,5) but not over the integers.",
        "K0-2,3-46,47-79 T0:None:0: Fcount19-41:0:0:None/None:1 #ca1550bae2d0",
    ),
    (
        "QĐ số 1 (4 TTHC); QĐ số 2 (3 TTHC)",
        "K0-16,17-34 T0:None:0: Flisting0-34:2:1,1:None/None:2 Fparts8-34:7:4,3:None/None:2 #521f350a7d2c",
    ),
    ("Không phát sinh", "K0-15 T0:None:0: Fzero0-15:0::None/None:0 #904feb87bab6"),
    (
        "QĐ số 1 (4 TTHC); QĐ số 2 (5 TTHC)",
        "K0-16,17-34 T0:None:0: Flisting0-34:2:1,1:None/None:2 Fparts8-34:9:4,5:None/None:2 #f681c1714a15",
    ),
    ("Không có", "K0-8 T0:None:0: Fzero0-8:0::None/None:0 #59d53848ef30"),
    ("Gồm 100 VBĐT và 20 văn bản mật", "K0-30 T0:None:0: Fcomposition0-30:120:100,20:None/None:2 #c7d7adca0794"),
    ("100/120 văn bản", "K0-15 T0:None:0: Fratio0-15:83.3333::100/120:1 #2524a1620e7d"),
    ("20/120 văn bản", "K0-14 T0:None:0: Fratio0-14:16.6667::20/120:1 #ff3521b6d87e"),
    (
        "QĐ số 1243/QĐ-UBND (4 TTHC); 1135/QĐ-UBND (3 TTHC); QĐ số 2493/QĐ-UBND ngày 27/8/2021 (8 TTHC)",
        "C0-18:QĐ:1243/QĐ-UBND:UBND:None::0: C29-41:QĐ:1135/QĐ-UBND:UBND:None::0: C52-85:QĐ:2493/QĐ-UBND:UBND:None:27/8/2021:0: D76-85:27.8.2021:1 K0-27,28-50,51-94 T1:2021-08-27:0:2493/qđ-ubnd Fparts19-94:15:4,3,8:None/None:3 #ba0ddc22048c",
    ),
    (
        "Rà soát các văn bản theo danh mục công bố 21 VBQPPL hết hiệu lực",
        "K0-64 T0:None:0: Fcount42-64:21:21:None/None:1 #e4fe3389b1bc",
    ),
    (
        "Đã ban hành: Quyết định số 11/QĐ-TTT ngày 28/02/2021",
        "C13-52:QĐ:11/QĐ-TTT:TTT:None:28/02/2021:0: D42-52:28.2.2021:1 K0-52 T1:2021-02-28:0:11/qđ-ttt #dd95dd045a94",
    ),
    (
        "Đã ban hành: Quyết định số 11/QĐ-TTT ngày 29/02/2021",
        "C13-52:QĐ:11/QĐ-TTT:TTT:None:29/02/2021:0: D42-52:29.2.2021:0 K0-52 T0:None:1: #33b2844e24df",
    ),
    (
        "Đã ban hành: Quyết định số 11/QĐ-TTT ngày 29/01/2021",
        "C13-52:QĐ:11/QĐ-TTT:TTT:None:29/01/2021:0: D42-52:29.1.2021:1 K0-52 T1:2021-01-29:0:11/qđ-ttt #63bf10718b65",
    ),
    (
        "Đã ban hành: Quyết định số 11/QĐ-TTT ngày 20/12/2021",
        "C13-52:QĐ:11/QĐ-TTT:TTT:None:20/12/2021:0: D42-52:20.12.2021:1 K0-52 T1:2021-12-20:0:11/qđ-ttt #140b1e5f5dbb",
    ),
    (
        "Việc kiểm tra công tác CCHC được thực hiện trong tháng 11/2021; - Quyết định số 239/QĐ-TTT ngày 28/10/2021 kiểm tra việc thực hiện công tác CCHC; - Biên bản kiểm tra CCHC ngày 29/11/2021",
        "C66-106:QĐ:239/QĐ-TTT:TTT:None:28/10/2021:0:kiểm tra C148-186:BB:None:None:None:29/11/2021:0:kiểm tra D96-106:28.10.2021:1 D176-186:29.11.2021:1 M49-62:2021-11-01:2021-11-30 K0-62,63-64,65-144,145-146,147-186 T2:2021-11-29:0:239/qđ-ttt #62fcad509ff4",
    ),
    (
        "Việc kiểm tra công tác CCHC được thực hiện trong tháng 11/2021; - Quyết định số 239/QĐ-TTT ngày 28/10/2021 kiểm tra việc thực hiện công tác CCHC; - Biên bản kiểm tra CCHC ngày 29/01/2021",
        "C66-106:QĐ:239/QĐ-TTT:TTT:None:28/10/2021:0:kiểm tra C148-186:BB:None:None:None:29/01/2021:0:kiểm tra D96-106:28.10.2021:1 D176-186:29.1.2021:1 M49-62:2021-11-01:2021-11-30 K0-62,63-64,65-144,145-146,147-186 T2:2021-10-28:0:239/qđ-ttt P148:kiểm tra:before_window #149b54fe4055",
    ),
    (
        "Kế hoạch CCHC ban hành kèm theo Quyết định số 11/QĐ-TTT ngày 29/01/2021",
        "C0-8:KH:None:None:None::0: C32-71:QĐ:11/QĐ-TTT:TTT:None:29/01/2021:0: D61-71:29.1.2021:1 K0-71 T1:2021-01-29:0:11/qđ-ttt #46d476e091fe",
    ),
    (
        "Kế hoạch CCHC ban hành kèm theo Quyết định số 11/QĐ-TTT ngày 19/01/2021",
        "C0-8:KH:None:None:None::0: C32-71:QĐ:11/QĐ-TTT:TTT:None:19/01/2021:0: D61-71:19.1.2021:1 K0-71 T1:2021-01-19:0:11/qđ-ttt #709385acac70",
    ),
    ("Đơn vị không có đơn vị sự nghiệp công lập", "K0-41 T0:None:0: Fzero7-15:0::None/None:0 #251bac0fdc3a"),
    (
        "QĐ số 1243/QĐ-UBND (4 TTHC); 1135/QĐ-UBND (3 TTHC); 1134/QĐ-UBND (8 TTHC)",
        "C0-18:QĐ:1243/QĐ-UBND:UBND:None::0: C29-41:QĐ:1135/QĐ-UBND:UBND:None::0: C52-64:QĐ:1134/QĐ-UBND:UBND:None::0: K0-27,28-50,51-73 T0:None:0: Fparts19-73:15:4,3,8:None/None:3 #a5ccad92de88",
    ),
    (
        "QĐ số 1/QĐ-UBND (4 TTHC); QĐ số 2/QĐ-UBND (2 thủ tục)",
        "C0-15:QĐ:1/QĐ-UBND:UBND:None::0: C26-41:QĐ:2/QĐ-UBND:UBND:None::0: K0-24,25-53 T0:None:0: Flisting0-53:2:1,1:None/None:2 Fparts16-24:4:4:None/None:1 Fparts42-53:2:2:None/None:1 #88c5c12dd954",
    ),
    (
        "QĐ số 1243/QĐ-UBND ngày 27/8/2021 (15 TTHC)",
        "C0-33:QĐ:1243/QĐ-UBND:UBND:None:27/8/2021:0: D24-33:27.8.2021:1 K0-43 T1:2021-08-27:0:1243/qđ-ubnd Fparts34-43:15:15:None/None:1 #697a21d62fd6",
    ),
    ("Số liệu tháng 11/2021", "M8-21:2021-11-01:2021-11-30 K0-21 T0:None:0: #bdf9ec5e06ea"),
    (
        "Ban hành 02 văn bản chỉ đạo và 01 kế hoạch",
        "K0-42 T0:None:0: Fcount9-30:2:2:None/None:1 Fcount31-42:1:1:None/None:1 #47bf6e5436c2",
    ),
    (
        "(Trong năm 2021: tiếp nhận 02 CC từ cơ quan khác chuyển về)",
        "K0-59 T0:None:0: Fcount27-48:2:2:None/None:1 #97b22533fb1e",
    ),
    (
        "rà soát 21 VBQPPL, trong đó 3 VBQPPL hết hiệu lực",
        "K0-49 T0:None:0: Fcount8-17:21:21:None/None:1 Fcount28-49:3:3:None/None:1 #f26f8e5457e3",
    ),
    (
        "Trong năm đã tổ chức 2 cuộc đối thoại với doanh nghiệp",
        "K0-54 T0:None:0: Fcount21-47:2:2:None/None:1 #3c4fb9f1d755",
    ),
    (
        "Biên bản kiểm tra ngày 31/4/2021",
        "C0-32:BB:None:None:None:31/4/2021:0:kiểm tra D23-32:31.4.2021:0 K0-32 T0:None:1: #de7d33dad541",
    ),
    (
        "Báo cáo số 127/BC-TTT ngày 15/12/2021 kết quả kiểm tra",
        "C0-37:BC:127/BC-TTT:TTT:None:15/12/2021:0:kiểm tra D27-37:15.12.2021:1 K0-54 T1:2021-12-15:0:127/bc-ttt #8254693a455d",
    ),
    (
        "Báo cáo số 127/BC-TTT ngày 20/12/2021 kết quả kiểm tra",
        "C0-37:BC:127/BC-TTT:TTT:None:20/12/2021:0:kiểm tra D27-37:20.12.2021:1 K0-54 T1:2021-12-20:0:127/bc-ttt #094ed09a91c9",
    ),
    (
        "Kế hoạch số 5/KH-TTT, hoàn thành trước ngày 31/12/2021",
        "C0-20:KH:5/KH-TTT:TTT:None::0: D44-54:31.12.2021:1 K0-54 T0:None:0: #685a2582365c",
    ),
    (
        "Việc kiểm tra được thực hiện trong tháng 11/2021; - Quyết định số 239/QĐ-TTT ngày 28/10/2021 kiểm tra công tác CCHC; - Biên bản kiểm tra CCHC của Tổ kiểm tra ngày 29/01/2021; - Báo cáo số 127/BC-TTT ngày 22/11/2021 kết quả kiểm tra",
        "C52-92:QĐ:239/QĐ-TTT:TTT:None:28/10/2021:0:kiểm tra C119-173:BB:None:None:None:29/01/2021:0:kiểm tra C177-214:BC:127/BC-TTT:TTT:None:22/11/2021:0:kiểm tra D82-92:28.10.2021:1 D163-173:29.1.2021:1 D204-214:22.11.2021:1 M35-48:2021-11-01:2021-11-30 K0-48,49-50,51-115,116-117,118-173,174-175,176-231 T3:2021-11-22:0:239/qđ-ttt,127/bc-ttt P119:kiểm tra:before_window #0f7322495403",
    ),
    (
        "Việc kiểm tra được thực hiện trong tháng 11/2021; - Quyết định số 239/QĐ-TTT ngày 28/10/2021 kiểm tra công tác CCHC; - Biên bản kiểm tra CCHC ngày 29/11/2021; - Báo cáo số 127/BC-TTT ngày 22/11/2021 kết quả kiểm tra",
        "C52-92:QĐ:239/QĐ-TTT:TTT:None:28/10/2021:0:kiểm tra C119-157:BB:None:None:None:29/11/2021:0:kiểm tra C161-198:BC:127/BC-TTT:TTT:None:22/11/2021:0:kiểm tra D82-92:28.10.2021:1 D147-157:29.11.2021:1 D188-198:22.11.2021:1 M35-48:2021-11-01:2021-11-30 K0-48,49-50,51-115,116-117,118-157,158-159,160-215 T3:2021-11-29:0:239/qđ-ttt,127/bc-ttt #c77fe49f6ffc",
    ),
    (
        "Quyết định số 5/QĐ-TTT ngày 20/11/2021 kiểm tra; Báo cáo số 7/BC-TTT ngày 10/11/2021 kết quả kiểm tra; Thông báo số 8/TB-TTT ngày 12/11/2021 kết luận kiểm tra",
        "C0-38:QĐ:5/QĐ-TTT:TTT:None:20/11/2021:0:kiểm tra C49-84:BC:7/BC-TTT:TTT:None:10/11/2021:0:kiểm tra C103-140:TB:8/TB-TTT:TTT:None:12/11/2021:0:kiểm tra D28-38:20.11.2021:1 D74-84:10.11.2021:1 D130-140:12.11.2021:1 K0-47,48-101,102-158 T3:2021-11-20:0:5/qđ-ttt,7/bc-ttt,8/tb-ttt P0:kiểm tra:after Flisting0-158:3:1,1,1:None/None:3 #332e78afe55a",
    ),
    (
        "Căn cứ Kế hoạch số 2/KH-TTT ngày 30/12/2021 về kiểm tra; Quyết định số 5/QĐ-TTT ngày 20/10/2021 kiểm tra",
        "C7-43:KH:2/KH-TTT:TTT:None:30/12/2021:1:kiểm tra C57-95:QĐ:5/QĐ-TTT:TTT:None:20/10/2021:0:kiểm tra D33-43:30.12.2021:1 D85-95:20.10.2021:1 K0-55,56-104 T2:2021-12-30:0:2/kh-ttt,5/qđ-ttt #f5ee6faed700",
    ),
    (
        "Kế hoạch ban hành kèm theo Quyết định số 11/QĐ-TTT ngày 19/01/2021",
        "C0-8:KH:None:None:None::0: C27-66:QĐ:11/QĐ-TTT:TTT:None:19/01/2021:0: D56-66:19.1.2021:1 K0-66 T1:2021-01-19:0:11/qđ-ttt #de0b866088bb",
    ),
    (
        "Quyết định số 01/QĐ-TTT ngày 05/01/2021",
        "C0-39:QĐ:01/QĐ-TTT:TTT:None:05/01/2021:0: D29-39:5.1.2021:1 K0-39 T1:2021-01-05:0:01/qđ-ttt #dc42c4397f5b",
    ),
    (
        "Quyết định số 01/QĐ-TTT ngày 04/01/2020 (kế hoạch năm trước)",
        "C0-39:QĐ:01/QĐ-TTT:TTT:None:04/01/2020:0: D29-39:4.1.2020:1 K0-60 T1:2020-01-04:0:01/qđ-ttt #c64a5f007e7d",
    ),
    (
        "QĐ 476/QĐ-UBND (5 TTHC); QĐ 476/QĐ-UBND (2 TTHC)",
        "C0-14:QĐ:476/QĐ-UBND:UBND:None::0: C25-39:QĐ:476/QĐ-UBND:UBND:None::0: K0-23,24-48 T0:None:0: Flisting0-48:2:1,1:None/None:2 Fparts15-48:7:5,2:None/None:2 #4ca13d55801c",
    ),
    (
        "Kế hoạch CCHC năm 2021 và Kế hoạch tuyên truyền CCHC 2021; Thông báo kết luận kiểm tra",
        "C0-8:KH:None:None:None::0: C26-34:KH:None:None:None::0: C59-68:TB:None:None:None::0:kiểm tra K0-57,58-86 T0:None:0: Flisting0-86:3:1,1,1:None/None:3 #6f357330745a",
    ),
    (
        "Quyết định 01/QĐ-TTT ngày 04/01/2020 (kế hoạch năm trước)",
        "C0-36:QĐ:01/QĐ-TTT:TTT:None:04/01/2020:0: D26-36:4.1.2020:1 K0-57 T1:2020-01-04:0:01/qđ-ttt #66d1d0d8ca99",
    ),
    ("Cô văn số 36SC-VP ngày 30/08/2021", "D23-33:30.8.2021:1 K0-33 T0:None:0: #071655a2eb2a"),
    ("181722 vănản", "K0-12 T0:None:0: Fcount0-12:181722:181722:None/None:1 #5a9f4c1ae1a0"),
    (
        "QĐ số 240/QĐ-UBNDhạn  ngày 07/06/2021 (2 TTH1604/1712C)",
        "C0-37:QĐ:240/QĐ:None:None:07/06/2021:0: D27-37:7.6.2021:1 K0-55 T1:2021-06-07:0:240/qđ Fcount39-54:2:2:None/None:1 #6f651d6a51fd",
    ),
    (
        "Kế hoạch số 529/KH-SVHTTDL ngày 1/6/2021; Quyết định số 000/QĐ-SVHTTDL ngày 22/09/2021; Thông báo số 444/TB-SVHTTDL ngày 23/2021",
        "C0-40:KH:529/KH-SVHTTDL:SVHTTDL:None:1/6/2021:0: C42-86:QĐ:000/QĐ-SVHTTDL:SVHTTDL:None:22/09/2021:0: C88-115:TB:444/TB-SVHTTDL:SVHTTDL:None::0: D32-40:1.6.2021:1 D76-86:22.9.2021:1 K0-40,41-86,87-128 T2:2021-09-22:0:529/kh-svhttdl,000/qđ-svhttdl Flisting0-128:3:1,1,1:None/None:3 #e07f58c75917",
    ),
    ("Kế hoạch số 8/-SN ngày 4/1/20số 21", "C0-8:KH:None:None:None::0: K0-34 T0:None:0: #2d723445a38c"),
    (
        "Kế hoạch số 4/KH-SVHTTDL ngày 03/01/2021; Quyết định số 178/QĐ-SVHTTDL ngày 27/04/2021; Quyết đ;ịnh số 177/QĐ-SVHTTDL ngày 28/TTT04/2021",
        "C0-40:KH:4/KH-SVHTTDL:SVHTTDL:None:03/01/2021:0: C42-86:QĐ:178/QĐ-SVHTTDL:SVHTTDL:None:27/04/2021:0: C100-117:QĐ:177/QĐ-SVHTTDL:SVHTTDL:None::0: C123-129:CV:28/TTT:TTT:None::0: D30-40:3.1.2021:1 D76-86:27.4.2021:1 K0-40,41-86,87-95,96-136 T2:2021-04-27:0:4/kh-svhttdl,178/qđ-svhttdl #f9c3b2fb7a85",
    ),
    (
        "hoạch số 13/KH-SCT gày và QĐ số 67/QĐ-UBND (25 TTHC)",
        "C6-18:KH:13/KH-SCT:SCT:None::0: C26-42:QĐ:67/QĐ-UBND:UBND:None::0: K0-52 T0:None:0: Fparts43-52:25:25:None/None:1 #d71f4eeb17fe",
    ),
    (
        "Căn cứ Kế hoạch số 280/KH-SYT ngày 04/07/2023",
        "C7-45:KH:280/KH-SYT:SYT:None:04/07/2023:1: D35-45:4.7.2023:1 K0-45 T1:2023-07-04:0:280/kh-syt #aa26ff1e0148",
    ),
    ("Côhạn ng vsố 94/UBND-VP *ngày", "C13-23:CV:94/UBND-VP:UBND:None::0: K0-29 T0:None:0: #6f9bbf311a02"),
    (
        "Quyết định số5/QĐ-STNMTgày 17/11/2021, Quyết định số 255/QĐ-STTTT ngày 17/06/2021",
        "C0-10:QĐ:None:None:None::0: C39-81:QĐ:255/QĐ-STTTT:STTTT:None:17/06/2021:0: D27-37:17.11.2021:1 D71-81:17.6.2021:1 K0-81 T1:2021-06-17:0:255/qđ-stttt #c1059aca60c4",
    ),
    (
        "Báo cáo 7/BC-TTT ngày 10/10/2021 kết quả kiểm tra; Quyết định  9/QĐ-TTT ngày 20/10/2021 xử lý sau kiểm tra",
        "C0-32:BC:7/BC-TTT:TTT:None:10/10/2021:0:kiểm tra C51-87:QĐ:9/QĐ-TTT:TTT:None:20/10/2021:0:kiểm tra D22-32:10.10.2021:1 D77-87:20.10.2021:1 K0-49,50-106 T2:2021-10-20:0:7/bc-ttt,9/qđ-ttt Flisting0-106:2:1,1:None/None:2 #0d0bf4554495",
    ),
    (
        "Căn cứ Kế ho/ạch số 36/KH-VP ngày 22/1/2021",
        "C17-43:KH:36/KH-VP:VP:None:22/1/2021:1: D34-43:22.1.2021:1 K0-43 T1:2021-01-22:0:36/kh-vp #618c63dc6bc1",
    ),
    (
        "QĐ số 14/QĐ-UBND ngày 08/01/2021 (7 TTHC); QĐ số 124/QĐ-UBND (2 TTHC); QĐ số 451/QĐ-UBND ngày 27/10/2021 (1 TTHC)",
        "C0-32:QĐ:14/QĐ-UBND:UBND:None:08/01/2021:0: C43-60:QĐ:124/QĐ-UBND:UBND:None::0: C71-104:QĐ:451/QĐ-UBND:UBND:None:27/10/2021:0: D22-32:8.1.2021:1 D94-104:27.10.2021:1 K0-41,42-69,70-113 T2:2021-10-27:0:14/qđ-ubnd,451/qđ-ubnd Flisting0-113:3:1,1,1:None/None:3 Fparts33-113:10:7,2,1:None/None:3 #38c043e479f6",
    ),
    (
        "8/151 hồ sơ\nQuyết định số 251/QĐ-SGDĐT ngày 16/06/2021",
        "C12-54:QĐ:251/QĐ-SGDĐT:SGDĐT:None:16/06/2021:0: D44-54:16.6.2021:1 K0-11,12-54 T1:2021-06-16:0:251/qđ-sgdđt Fratio0-17:5.29801::8/151:1 #f6779cda8530",
    ),
    (
        "QĐ số 184/QĐ-UBND (2 TTHC);ngày  QĐ sốkết luận  TTHC218/QĐ-UBND (11 TTHC); QĐ số 477/QĐ-UBND ngày 12 tháng 11 năm 2021 (45 TTHC)/",
        "C0-17:QĐ:184/QĐ-UBND:UBND:None::0: C75-118:QĐ:477/QĐ-UBND:UBND:None:ngày 12 tháng 11 năm 2021:0: D93-118:12.11.2021:1 K0-26,27-73,74-129 T1:2021-11-12:0:477/qđ-ubnd Fparts18-128:58:2,11,45:None/None:3 #a677595fe267",
    ),
    (
        "năm Kiểm tra công tác CCHC: hoạch số 202/KSVHTTDL ngày 14/5/2321",
        "C34-64:CV:202/KSVHTTDL:KSVHTTDL:None:14/5/2321:0:kiểm tra D55-64:14.5.2321:1 K0-64 T1:2321-05-14:0:202/ksvhttdl #f24100256e99",
    ),
    (
        "Công văn số 249/UBND-VP ngà34/6/2021",
        "C0-23:CV:249/UBND-VP:UBND:None::0: D27-36:34.6.2021:0 K0-36 T0:None:1: #c1b89d892efe",
    ),
    (
        "Căn cBáo cáo ứ Công văn số 240/S-VP ngày 08/06/2021",
        "C15-51:CV:240/S-VP:S:None:08/06/2021:0: D41-51:8.6.2021:1 K0-51 T1:2021-06-08:0:240/s-vp #a72ed6448b69",
    ),
    (
        "QĐ số 3ĐBND ngày 26/01/2021 (1 TTHC)",
        "D17-27:26.1.2021:1 K0-36 T0:None:0: Fparts28-36:1:1:None/None:1 #f9899208a8ce",
    ),
    (
        "Kế hoạch số 417/KH-BN và D ngày 3 tháng 10 năm 202",
        "C0-21:KH:417/KH-BN:BN:None::0: K0-50 T0:None:0: #f43da9de80f1",
    ),
    (
        "cứ Kế hoạch số 258/KH-SXD 21/06/2021",
        "C3-36:KH:258/KH-SXD:SXD:None:21/06/2021:0: D26-36:21.6.2021:1 K0-36 T1:2021-06-21:0:258/kh-sxd #9e607811962e",
    ),
    (
        "Kế hoạch số 182/KH-STNMT n 23 tháng 3 năm 2021",
        "C0-24:KH:182/KH-STNMT:STNMT:None::0: M30-46:2021-03-01:2021-03-31 K0-46 T0:None:0: Fcount27-35:23:23:None/None:1 #faeddf924def",
    ),
    (
        "qđ  102/qđ-ubnd (5 tthc); qđ số 228/qđ-ubnd ngày 01/06/2021 (9 tthc); qđ số 240/qđ-ubnd ngày 9/6/2021 (2 tthcthông báo )",
        "D49-59:1.6.2021:1 D93-101:9.6.2021:1 K0-24,25-68,69-120 T0:None:0: Fparts16-68:14:5,9:None/None:2 Fparts102-120:2:2:None/None:1 #4466ef388e4f",
    ),
    (
        "n Quyết định số 135/,QĐ-SKH ngày 30/03/2021",
        "C2-43:QĐ:None:None:None:30/03/2021:0: D33-43:30.3.2021:1 K0-43 T1:2021-03-30:0: #7515c8cd0b72",
    ),
    (
        "Căn cứ Quyết QĐ đị vụ nh số 219/QĐ-SNN ́ngày 26/05/2021",
        "C25-55:QĐ:219/QĐ-SNN:SNN:None:26/05/2021:1: D45-55:26.5.2021:1 K0-55 T1:2021-05-26:0:219/qđ-snn #8fb9fa184d2f",
    ),
    (
        "Quyết định số 329/QĐ-UBND ngày 05/2021. Căn cứ Công văn số 61/SNN-VP ngày/2/2021",
        "C0-25:QĐ:329/QĐ-UBND:UBND:None::0: C47-68:CV:61/SNN-VP:SNN:None::1: K0-38,39-80 T0:None:0: #ae99c981b98e",
    ),
    ("Kế hoạch số 383/KH-UBND ngày 9/2021", "C0-23:KH:383/KH-UBND:UBND:None::0: K0-35 T0:None:0: #da7307986a8a"),
    ("26/2174 không phát sinhăn bản", "K0-29 T0:None:0: Fratio0-25:1.19595::26/2174:1 #ba34a683eb01"),
    (
        "Kế hoạ2020ch số 110/KH-BQL 14/032021",
        "C13-26:KH:110/KH-BQL:BQL:None::0: K0-36 T0:None:0: Fratio27-36:0.0437213::14/32021:1 #af468748a0cf",
    ),
    ("29 / 11/2021", "D0-12:29.11.2021:1 K0-12 T0:None:0: #51eb688d9b0c"),
    (
        "Kiểm tra công tác CCHC: Kế hoạch số 543/KH-STP ngày 27/12/2020; Quyết định Asố 64/QĐ-STP ngày 12/02/2021; Báo cáo số 282/BC-STP ngày 7/7/2021",
        "C24-62:KH:543/KH-STP:STP:None:27/12/2020:0:kiểm tra C64-74:QĐ:None:None:None::0: C79-104:QĐ:64/QĐ-STP:STP:None:12/02/2021:0: C106-141:BC:282/BC-STP:STP:None:7/7/2021:0: D52-62:27.12.2020:1 D94-104:12.2.2021:1 D133-141:7.7.2021:1 K0-62,63-104,105-141 T3:2021-07-07:0:543/kh-stp,64/qđ-stp,282/bc-stp #cfa554b66706",
    ),
    (
        "Kiểm tra công tác CCHC: Kế hoạch số 277/KH-UBND ngày/7/2021; Quyết định số 96/QĐ-UBND ngày 16/7/2021",
        "C24-47:KH:277/KH-UBND:UBND:None::0:kiểm tra C61-100:QĐ:96/QĐ-UBND:UBND:None:16/7/2021:0: D91-100:16.7.2021:1 K0-59,60-100 T1:2021-07-16:0:96/qđ-ubnd #2e97ff27ad80",
    ),
    (
        "Công vănsố Thông báo 107/SVHTTDL-VP ngày 10/0021",
        "C11-35:TB:107/SVHTTDL-VP:SVHTTDL:None::0: K0-48 T0:None:0: #995c2fa30fe0",
    ),
    (
        "Qt định số 69/QĐ-UBND ngày 14 tháng 2 năm 2021; Quyết định số 243/QĐ-UBND ngày 11 tháng 6 năm 2021; Quyết định số 538/QĐ-UBND ngày 22/12/202",
        "C8-46:QĐ:69/QĐ-UBND:UBND:None:ngày 14 tháng 2 năm 2021:0: C48-98:QĐ:243/QĐ-UBND:UBND:None:ngày 11 tháng 6 năm 2021:0: C100-125:QĐ:538/QĐ-UBND:UBND:None::0: D22-46:14.2.2021:1 D74-98:11.6.2021:1 K0-46,47-98,99-140 T2:2021-06-11:0:69/qđ-ubnd,243/qđ-ubnd #8dc8fbb42800",
    ),
    (" về vbáo cáo iệc kiểm Atra và 12/76 hồ sơ", "K0-41 T0:None:0: Fratio30-41:15.7895::12/76:1 #a47be42e9bde"),
    (
        "Căn cứ Quyết định số 462 / QĐ-UBND ngày 4/11/202",
        "C7-34:QĐ:462/QĐ-UBND:UBND:None::1: K0-48 T0:None:0: #c2dbd1ecdf79",
    ),
    (
        "đối thoại Kiểm tra công tác CCHC: Kế hoạch số 15/KH-SNN n27-8-2021gày 10/1/2021; năm Quyết định số 200/QĐ-SNN ngày 12/05/2021",
        "C34-55:KH:15/KH-SNN:SNN:None::0:kiểm tra+đối thoại C85-125:QĐ:200/QĐ-SNN:SNN:None:12/05/2021:0: D57-66:27.8.2021:1 D70-79:10.1.2021:1 D115-125:12.5.2021:1 K0-79,80-125 T1:2021-05-12:0:200/qđ-snn #da7bed8fc7ff",
    ),
    (
        "Căn cứ Kế hoạch số 377/KH-SGT2021T ngày 6 tháng/QĐ-UBND 9 năm 2021",
        "C7-29:KH:377/KH-SGT:SGT:None::1: K0-66 T0:None:0: Fcount56-61:9:9:None/None:1 #64256f33b524",
    ),
    (
        "QĐ số 48427.8.2021/QĐ-UBND (4 TTHC); QĐ số 162/QĐ-UBND ngày 18/04/2021 (10 TTHC)",
        "C37-70:QĐ:162/QĐ-UBND:UBND:None:18/04/2021:0: D60-70:18.4.2021:1 K0-35,36-80 T1:2021-04-18:0:162/qđ-ubnd Flisting0-80:2:1,1:None/None:2 Fparts27-80:14:4,10:None/None:2 #d5103a50a018",
    ),
    (
        " số 10/QĐ-UBND 28 cùng /2/2021 (2 TTHC)",
        "C1-14:QĐ:10/QĐ-UBND:UBND:None::0: K0-39 T0:None:0: Fcount15-22:28:28:None/None:1 Fparts31-39:2:2:None/None:1 #74c8fb5a8339",
    ),
    (
        "Kế hoạch số 2/KH-TTT ngày 15/5/2021",
        "C0-35:KH:2/KH-TTT:TTT:None:15/5/2021:0: D26-35:15.5.2021:1 K0-35 T1:2021-05-15:0:2/kh-ttt #6a921cc8338b",
    ),
    ("Kế hoạch", "C0-8:KH:None:None:None::0: K0-8 T0:None:0: #29ba65233db8"),
    (
        "40/224 văb; Căn cứ Công văn số 506/UBNDkhông phát sinh-VP ngày 2/12/2021",
        "C19-72:CV:None:None:None:2/12/2021:1: D63-72:2.12.2021:1 K0-10,11-72 T1:2021-12-02:0: Fratio0-10:17.8571::40/224:1 #625082f066f2",
    ),
    (
        "1604/171  2trong tháng 13/2021 = 93,69%; Căn cứ Kế hoạch số 163/KH-VP ngày 18/4/2021",
        "C48-84:KH:163/KH-VP:VP:None:18/4/2021:1: D75-84:18.4.2021:1 K0-39,40-84 T1:2021-04-18:0:163/kh-vp Fratio0-8:938.012::1604/171:1 #7dcb90aecbf9",
    ),
    ("Kế hoạch ", "C0-8:KH:None:None:None::0: K0-9 T0:None:0: #e08cc869dfe4"),
    (
        "QĐ số 541/QĐ-UBND ngày 24/22/2020 (3 TTHC). Căn cứ Kế hoạch s•ố 129/KH-UBND ngày 25/3/2021",
        "C0-33:QĐ:541/QĐ-UBND:UBND:None:24/22/2020:0: C51-59:KH:None:None:None::1: C64-90:KH:129/KH-UBND:UBND:None:25/3/2021:1: D23-33:24.22.2020:0 D81-90:25.3.2021:1 K0-42,43-90 T1:2021-03-25:1:129/kh-ubnd Fparts34-42:3:3:None/None:1 #663d860eea02",
    ),
    (
        "Căn cứ Quyết định số 52/QĐ-SNV 04/02/2021",
        "C7-41:QĐ:52/QĐ-SNV:SNV:None:04/02/2021:1: D31-41:4.2.2021:1 K0-41 T1:2021-02-04:0:52/qđ-snv #96b5ddc72d48",
    ),
    (
        "Gồm 838 VBĐT à 75 văn bản giấy",
        "K0-30 T0:None:0: Fcount4-14:838:838:None/None:1 Fcount15-30:75:75:None/None:1 #2394bfba286d",
    ),
    (
        "Că; n cứ Công n số 30/SGDĐT-VP KHnđgày 19/01/2021",
        "C16-30:CV:30/SGDĐT-VP:SGDĐT:None::0: D39-49:19.1.2021:1 K0-2,3-49 T0:None:0: #07275a663277",
    ),
    (
        "Quyết định số 478/QĐ-UBND ngày 14/11/2021; Qu1.000yết định số 444/QĐ-SLĐTBXH ngày 23/10/2021; Quyết định số 67/QĐ-SLĐTBXH ngày 12/02/221; Quyết định số 30/QĐ-SLĐTBXH ngày 20/01/2021",
        "C0-41:QĐ:478/QĐ-UBND:UBND:None:14/11/2021:0: C59-92:QĐ:444/QĐ-SLĐTBXH:SLĐTBXH:None:23/10/2021:0: C94-121:QĐ:67/QĐ-SLĐTBXH:SLĐTBXH:None::0: C138-181:QĐ:30/QĐ-SLĐTBXH:SLĐTBXH:None:20/01/2021:0: D31-41:14.11.2021:1 D82-92:23.10.2021:1 D171-181:20.1.2021:1 K0-41,42-92,93-136,137-181 T3:2021-11-14:0:478/qđ-ubnd,444/qđ-slđtbxh,30/qđ-slđtbxh #e65d9713542e",
    ),
    ("6/95 văn bản", "K0-12 T0:None:0: Fratio0-12:6.31579::6/95:1 #9e53da40c1f7"),
    ("Kế hoạch số 146/KH-TTT ngày 6/4/221", "C0-22:KH:146/KH-TTT:TTT:None::0: K0-35 T0:None:0: #026d6ce390e3"),
    (
        "QĐ số 696/QĐ-UBND (7 TTHC)",
        "C0-17:QĐ:696/QĐ-UBND:UBND:None::0: K0-26 T0:None:0: Fparts18-26:7:7:None/None:1 #249bc613eb6b",
    ),
    (
        "QĐ số 184/QĐ-UBND ngày 03/85/20(2 TTHC); QĐ số 383/QĐ-UBND (2 TTHC); QĐ số 423/QĐ-UBN trường hợpD ngày 07/10/2021 (2 TTHC)",
        "C0-17:QĐ:184/QĐ-UBND:UBND:None::0: C41-58:QĐ:383/QĐ-UBND:UBND:None::0: C69-113:QĐ:423/QĐ-UBN:UBN:None:07/10/2021:0: D103-113:7.10.2021:1 K0-39,40-67,68-122 T1:2021-10-07:0:423/qđ-ubn Flisting0-122:3:1,1,1:None/None:3 Fparts31-122:6:2,2,2:None/None:3 #fdd3fdf63cab",
    ),
    (
        "Căn cứ Kế hoạch2493/QĐ- UBND số 329/KH-VP ngày 07/08/2021",
        "C7-15:KH:None:None:None::1: C29-57:KH:329/KH-VP:VP:None:07/08/2021:1: D47-57:7.8.2021:1 K0-57 T1:2021-08-07:0:329/kh-vp #720601c61040",
    ),
    (
        "577 /12 hồ sơ - Quyết định số 17/QĐ-TTT ngày 9/1/2021",
        "C16-53:QĐ:17/QĐ-TTT:TTT:None:9/1/2021:0: D45-53:9.1.2021:1 K0-14,15-53 T1:2021-01-09:0:17/qđ-ttt Fratio0-13:4808.33::577/12:1 #31dc346cbd6a",
    ),
    (
        "Quyết định số 538/QĐ-UBND ngày 222/2020; Quết số 137/QĐ-UBND ngày 31/3/2021; Quyết định số 428/QĐ-UBND ngày 12/10/2021",
        "C0-25:QĐ:538/QĐ-UBND:UBND:None::0: C46-75:QĐ:137/QĐ-UBND:UBND:None:31/3/2021:0: C77-118:QĐ:428/QĐ-UBND:UBND:None:12/10/2021:0: D66-75:31.3.2021:1 D108-118:12.10.2021:1 K0-39,40-75,76-118 T2:2021-10-12:0:137/qđ-ubnd,428/qđ-ubnd #c2ae0ccaf60f",
    ),
    (
        "64 hộp ư công trong thág 13/2021vụ",
        "K0-34 T0:None:0: Fcount0-24:64:64:None/None:1 Fratio25-32:0.643246::13/2021:1 #842ca4463ea2",
    ),
    (
        "Căn cứ Kế hoạch số 47KH-SXD ngày 13/31/2021",
        "C7-43:KH:None:None:None:13/31/2021:1: D33-43:13.31.2021:0 K0-43 T0:None:1: #6be5663c110b",
    ),
    (
        "Cănứ Kế hch số 241/KH-TTT ng20208 tháng 6 năm 2021",
        "C12-25:KH:241/KH-TTT:TTT:None::0: M34-50:2021-06-01:2021-06-30 K0-50 T0:None:0: #5a44029ae95e",
    ),
    (
        "Quyết định số 239 / QĐ-UBND ngày 8/6/2021",
        "C0-41:QĐ:239/QĐ-UBND:UBND:None:8/6/2021:0: D33-41:8.6.2021:1 K0-41 T1:2021-06-08:0:239/qđ-ubnd #6e5ca93d4b04",
    ),
    (
        "Kiểm tra công tác CCHC: Kế hoạch –số 18/KH-VP ngày 10/01/202Quyếtđịnh số 87/QĐ-VP -UBNDngày 27/02/2021",
        "C24-32:KH:None:None:None::0:kiểm tra C34-45:KH:18/KH-VP:VP:None::0:kiểm tra C70-81:QĐ:87/QĐ-VP:VP:None::0:kiểm tra D92-102:27.2.2021:1 K0-102 T0:None:0: #e24357aef34c",
    ),
    (
        "Kế  ngườihoạch số 5/KH-TTT, hoàn thành trước ngày 31/12/2021; Tính từ 01/01/2021 đến 14/12/2021",
        "C15-26:KH:5/KH-TTT:TTT:None::0: D50-60:31.12.2021:1 D70-80:1.1.2021:1 D85-95:14.12.2021:1 K0-60,61-95 T0:None:0: #1e1ff1f83851",
    ),
    ("đến Quyết địnố 129/-SCT ngày 26/3/2021", "D29-38:26.3.2021:1 K0-38 T0:None:0: #4bcfc46a23af"),
    ("nh từ 01/01/2021 đến 12/2021", "D6-16:1.1.2021:1 K0-28 T0:None:0: #99a613a382c0"),
    (
        "QĐ số 101/QĐ-UBND ngà 07/03/8021 (1 TTHC); QĐ số 90/QĐ-UBND (1 THC)",
        "C0-17:QĐ:101/QĐ-UBND:UBND:None::0: C43-59:QĐ:90/QĐ-UBND:UBND:None::0: D22-32:7.3.8021:1 K0-41,42-67 T0:None:0: Flisting0-67:2:1,1:None/None:2 Fparts33-41:1:1:None/None:1 Fparts60-67:1:1:None/None:1 #15de318a478c",
    ),
    (
        "Công văn số 208/SP-VP ngày 18/05/2021",
        "C0-37:CV:208/SP-VP:SP:None:18/05/2021:0: D27-37:18.5.2021:1 K0-37 T1:2021-05-18:0:208/sp-vp #85fa47eb98cc",
    ),
    (
        "CQuyết định ăứ Kế hoạch số 532/KH-SGTVT ngày( 19/12/2020",
        "C15-39:KH:532/KH-SGTVT:SGTVT:None::0: D46-56:19.12.2020:1 K0-56 T0:None:0: #292fcf644225",
    ),
    (
        "Căn cứ Kế1604/1712 hoạch số 214/KH-VP ngày 23/5/2021",
        "C25-52:KH:214/KH-VP:VP:None:23/5/2021:1: D43-52:23.5.2021:1 K0-52 T1:2021-05-23:0:214/kh-vp #e1bbe611c60e",
    ),
    (
        "Kế hoạch số 508/KH-SNN ngày 05/12/20212493/QĐ- UBND",
        "C0-22:KH:508/KH-SNN:SNN:None::0: K0-51 T0:None:0: #4ea18a10231f",
    ),
    (
        "Căn cứ năm  Cg vnăm ăn số 760/SKHĐT-VP ngày 21/6/2021",
        "C23-53:CV:760/SKHĐT-VP:SKHĐT:None:21/6/2021:1: D44-53:21.6.2021:1 K0-53 T1:2021-06-21:0:760/skhđt-vp #ef71812413a5",
    ),
    ("Quyết định số 538/QĐ-UD ngày 22/2020từ ", "C0-23:QĐ:538/QĐ-UD:UD:None::0: K0-39 T0:None:0: #b685ee53ec08"),
    (
        "Căn Kế hoạch số 137/KH-SGTVT ngày 31/0021",
        "C4-28:KH:137/KH-SGTVT:SGTVT:None::0: K0-41 T0:None:0: #a3474910c38c",
    ),
    (
        "Quyết đphụ lục ịnh số 47/QĐ-UBND ngày 31 tháng 1 nBBăm; 2021",
        "C19-32:QĐ:47/QĐ-UBND:UBND:None::0: K0-54,55-60 T0:None:0: #fd837facae88",
    ),
    (
        "Kế hoạch số 85/KH-SVHTTDL ngày 24 tháng 2 năm 2021; Công văn số 126/SVHTTDL-VP ngày 25/3/2021;  năm Thông áo số 412/TB-SVHTTDL ngày 30/09/2021",
        "C0-50:KH:85/KH-SVHTTDL:SVHTTDL:None:ngày 24 tháng 2 năm 2021:0: C52-93:CV:126/SVHTTDL-VP:SVHTTDL:None:25/3/2021:0: C109-142:TB:412/TB-SVHTTDL:SVHTTDL:None:30/09/2021:0: D26-50:24.2.2021:1 D84-93:25.3.2021:1 D132-142:30.9.2021:1 K0-50,51-93,94-142 T3:2021-09-30:0:85/kh-svhttdl,126/svhttdl-vp,412/tb-svhttdl #0f1663761972",
    ),
    (
        "tháng 912/9999, quý IV/9999, ngày 31/12/9999, 0/2021quý 4/0000",
        "D34-44:31.12.9999:1 M16-27:9999-10-01:9999-12-31 K0-62 T0:None:0: #cea75e48c7da",
    ),
    (
        "Căn cứ KếhTổng số oạch số 546/KH-STP ngày 29 tháng 12 2020",
        "C23-36:KH:546/KH-STP:STP:None::1: K0-58 T0:None:0: #4997b3c48320",
    ),
    (
        "Rà soát theo Kế hoạch s- ố 190/KH-UBND ngàyQuyết định  5/5/2021",
        "C13-21:KH:None:None:None::0: C27-38:KH:190/KH-UBND:UBND:None::0: D55-63:5.5.2021:1 K0-63 T0:None:0: #de4825a0b81c",
    ),
    ("cứ Công vănMục 7.3  số 058/UBND-VP ngày", "C20-34:CV:058/UBND-VP:UBND:None::0: K0-39 T0:None:0: #f22d3d6add83"),
    ("14từ 9/674 hồ sơ", "K0-16 T0:None:0: Fratio5-16:1.33531::9/674:1 #9a53ae37f789"),
    (
        "QĐ số 158/QĐ-UBND 15 thánphụục g 4 năm 2021 (8 TTHC)",
        "C0-17:QĐ:158/QĐ-UBND:UBND:None::0: K0-52 T0:None:0: Fcount18-32:15:15:None/None:1 Fcount33-38:4:4:None/None:1 Fparts44-52:8:8:None/None:1 #34c9617ad717",
    ),
    ("387/1466 hồ s", "K0-13 T0:None:0: Fratio0-13:26.3984::387/1466:1 #e62054410644"),
    (
        "Đã bsố an hành: Kế hoạch số 268/KH-UBND ngày 20/06/2021",
        "C16-55:KH:268/KH-UBND:UBND:None:20/06/2021:0: D45-55:20.6.2021:1 K0-55 T1:2021-06-20:0:268/kh-ubnd #6f0221b891b7",
    ),
    (
        "Gồm 2976 V và 530 văn bn giấy\nCăn cứ Quyết định số 353/QĐ-SLĐTBXH ngày 22/08/2021",
        "C37-81:QĐ:353/QĐ-SLĐTBXH:SLĐTBXH:None:22/08/2021:1: D71-81:22.8.2021:1 K0-29,30-81 T1:2021-08-22:0:353/qđ-slđtbxh Fcount4-13:2976:2976:None/None:1 Fcount14-36:530:530:None/None:1 #42eda97316ff",
    ),
    ("709/875 văn bản", "K0-15 T0:None:0: Fratio0-15:81.0286::709/875:1 #29db73f9b5f4"),
    (
        "Đã ban hành: Kế hoạch số 443/KHbao gồm: -S TP ngày 20/10/20đối thoại 21",
        "C13-34:KH:443/KHbao:KHbao:None::0:đối thoại K0-71 T0:None:0: #476418ca7c9d",
    ),
    (
        "Căn cứ Kế hoạch số 7/KH-SGTVT ngày 4 tháng1604/1712 9 năm 2521",
        "C7-29:KH:7/KH-SGTVT:SGTVT:None::1: K0-62 T0:None:0: Fcount52-57:9:9:None/None:1 #338682740083",
    ),
    (
        "Quyết định số 32/QĐ-UBND ngày 20/2021; Quyết định số QĐ-UBND ngày 8/2/2021; Quyết định số 68/QĐ-UBND ngày 13 tháng 2 năm 2021; Quyết định số 38/QĐ-SGDĐT ngày 24/01/2021",
        "C0-24:QĐ:32/QĐ-UBND:UBND:None::0: C39-74:QĐ:None:None:None:8/2/2021:0: C76-125:QĐ:68/QĐ-UBND:UBND:None:ngày 13 tháng 2 năm 2021:0: C127-168:QĐ:38/QĐ-SGDĐT:SGDĐT:None:24/01/2021:0: D66-74:8.2.2021:1 D101-125:13.2.2021:1 D158-168:24.1.2021:1 K0-37,38-74,75-125,126-168 T3:2021-02-13:0:68/qđ-ubnd,38/qđ-sgdđt Flisting0-168:4:1,1,1,1:None/None:4 #bf0d39fa9729",
    ),
    ("239/QĐ-Tsố TT", "C0-6:QĐ:239/QĐ:None:None::0: K0-13 T0:None:0: #dc7a5bd82e1a"),
    ("Đơn vị không có đơn vị sự nghiệp công lậKHp", "K0-43 T0:None:0: Fzero7-15:0::None/None:0 #e2b624ddfd75"),
    (
        "Kế hoạch số 74/KH văn bản-SLĐTBXH ngày 17/2/2021; Công văn số 387/SLĐTBXH-VP ngà -y 13 tháng 9 năm 2021; Công văn số 509/SLĐTBXH-VP ngày 4 tháng 12 năm 2021",
        "C0-48:KH:74/KH:None:None:17/2/2021:0: C50-76:CV:387/SLĐTBXH-VP:SLĐTBXH:None::0: C105-156:CV:509/SLĐTBXH-VP:SLĐTBXH:None:ngày 4 tháng 12 năm 2021:0: D39-48:17.2.2021:1 D132-156:4.12.2021:1 M87-103:2021-09-01:2021-09-30 K0-48,49-103,104-156 T2:2021-12-04:0:74/kh,509/slđtbxh-vp Flisting0-156:3:1,1,1:None/None:3 Fcount84-92:13:13:None/None:1 #3100267b75fb",
    ),
]


@pytest.mark.parametrize(("note", "expected"), CORPUS, ids=range(len(CORPUS)))
def test_reads_as_before(note: str, expected: str) -> None:
    assert describe(note) == expected


class _Forgetful(dict[Any, Any]):
    """A shape cache that keeps nothing: every note read from scratch."""

    def get(self, key: Any, default: Any = None) -> Any:
        return default

    def put(self, key: Any, value: Any) -> Any:
        return value


@contextmanager
def _from_scratch() -> Iterator[None]:
    kept = citations._SHAPES, citations._NOTES, arithmetic._SHAPES
    citations._SHAPES, citations._NOTES, arithmetic._SHAPES = _Forgetful(), _Forgetful(), _Forgetful()  # type: ignore[assignment]
    try:
        yield
    finally:
        citations._SHAPES, citations._NOTES, arithmetic._SHAPES = kept


def _fields(value: Any) -> Any:
    """A parsed note or figures as plain data, the lazily worked out properties included."""
    if isinstance(value, ParsedNote):
        problems = tuple(
            (p.citation, p.activity, p.follows, p.precedes, p.window, p.pair) for p in value.sequence_problems
        )
        return (
            value,
            value.spans,
            value.issue_dates,
            value.latest_issue,
            value.invalid_dates,
            value.numbered,
            problems,
        )
    return value


def _scratch(note: str) -> tuple[Any, tuple[Figure, ...]]:
    """The note read whole (not by its parts between "; "), with no shape kept."""
    with _from_scratch():
        text = citations.normalise_note(note)
        parsed = (
            citations._assemble(text, [(0, text, text.lower())], valued=True)
            if text.strip()
            else citations.ParsedNote(text=text)
        )
        return _fields(parsed), tuple(arithmetic._find_figures(note, parsed))


def _read(note: str) -> tuple[Any, tuple[Figure, ...]]:
    """The note read the quick way (by shape and by parts), its caches by text left out."""
    parsed = parse_note.__wrapped__(note)
    return _fields(parsed), figures.__wrapped__(note)


def _other_digits(note: str, shift: int) -> str:
    return re.sub(r"[0-9]", lambda m: str((int(m.group(0)) + shift) % 10), note)


@pytest.mark.parametrize("shift", [1, 3, 7])
def test_notes_of_one_shape_read_as_each_from_scratch(shift: int) -> None:
    for note, _ in CORPUS:
        _read(note)  # leaves the note's shapes
        other = _other_digits(note, shift)  # "31/02/2021", "tháng 13", "1/2021": the values matter
        assert _read(other) == _scratch(other), other


PIECES = [
    "Quyết định số # /QĐ-UBND", "QĐ số #/QĐ-UBND", "Kế hoạch số #/KH-UBND", "Công văn số #/UBND-VP", "Báo cáo #/BC-TTT",
    "Biên bản kiểm tra", "Thông báo", "#/#/NĐ-CP", "# /# / NĐ-CP", "ngày #/#/#", "ngày # tháng # năm #", "ngày #.#.#",
    "ngày #-#-#", "#/#/#", "tháng #/#", "tháng # năm #", "quý #/#", "quý IV/#", "(# TTHC)", "(# thủ tục)",
    "Gồm # VBĐT và # văn bản giấy", "#/# văn bản", "# / # hồ sơ", "Số phiếu phát ra: #", "# trường hợp",
    "tham dự # vụ đối thoại", "không phát sinh", "chưa có", "Mục #.#", "từ ngày", "đến", "trước ngày", "Căn cứ",
    "theo", "kiểm tra", "khảo sát", "Thanh tra tỉnh", "xử lý", "; ", "; ", "; ", ". ", " - ", "\n", ", ", " và ", " ",
    " ", ":", "số", "ngày", "#",
]  # fmt: skip


@st.composite
def notes(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=14))
    text = " ".join(pieces) if draw(st.booleans()) else "".join(pieces)
    while "#" in text:
        digits = draw(st.sampled_from(["0", "1", "2", "4", "9", "12", "19", "20", "31", "100", "2019", "2021", "1604"]))
        text = text.replace("#", digits if draw(st.booleans()) else str(draw(st.integers(0, 99999))), 1)
    return text


@settings(max_examples=300, deadline=None)
@given(notes(), st.integers(1, 9))
def test_random_notes_read_as_from_scratch(note: str, shift: int) -> None:
    assert _read(note) == _scratch(note)
    other = _other_digits(note, shift)
    assert _read(other) == _scratch(other)


def _every_character() -> str:
    return "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)


def test_case_classes_allow_for_what_ignorecase_matches() -> None:
    """ci_chars(c) holds every character re.IGNORECASE matches for c ("K" KELVIN SIGN for "k"), and
    besides c's own lower case, text.lower() misses only the characters _lower_misses looks for."""
    words = [*citations._WORDS, *citations.ACTIVITIES, "QĐ BC KH TB CV", "ngày tháng quý năm số", "căn cứ theo thực",
             "từ đến trước hạn", "không chưa gồm và"]  # fmt: skip
    letters = sorted({ch for word in words for ch in word.lower() if ch.isalpha()})
    everything = _every_character()
    misses = {ch for ch in everything if citations._lower_misses(ch)}
    for letter in letters:
        matched = set(re.findall(re.escape(letter), everything, re.IGNORECASE))
        allowed = set(re.findall(f"[{ci_chars(letter)}]", everything))
        assert matched <= allowed, (letter, matched - allowed)
        assert {ch for ch in matched if ch.lower() != letter} <= misses, letter


# Notes of several parts (between "; ") whose figures or documents need the note as a whole: a list of
# parts of one noun over several parts (and what lies between them), a list of documents split at "; "
# and " và ", a composition in a part that ends with "." (_ITEM's "\.$" sees the end of a part).
SEVERAL_PARTS = [
    "QĐ số 12/QĐ-UBND (4 TTHC); 5/7 hồ sơ; QĐ số 13/QĐ-UBND (3 TTHC)",
    "(4 TTHC); Số phiếu phát ra: 29; 12 trường hợp; (3 thủ tục); (2 TTHC)",
    "Quyết định số 5/QĐ-TTT; Kế hoạch số 7/KH-TTT và Công văn số 9/TTT-VP; Biên bản kiểm tra",
    "Gồm 5 VB và 3 KH.; Gồm 2 VB và 1 KH",
    "Gồm 5 VB và 3 KH .; 1/2 văn bản",
    "Kế hoạch số 57/KH-TTT ngày 07/02/2021; Công văn số 411/TTT-VP ngày 31/02/2021; tháng 13/2021; quý 4/2021",
    "Kế hoạch số 57/KH-TTT ngày 07/02/2021; Nghị định 09/2019/NĐ-CP; 1604/1712 văn bản",
    "- Lĩnh vực A: QĐ số 1243/QĐ-UBND (4 TTHC); 1135/QĐ-UBND (3 TTHC).; không phát sinh",
]


@pytest.mark.parametrize("note", SEVERAL_PARTS)
@pytest.mark.parametrize("shift", [0, 1, 5])
def test_notes_of_several_parts_read_as_a_whole(note: str, shift: int) -> None:
    _read(note)  # leaves the shapes of the note and of its parts
    other = _other_digits(note, shift)
    assert _read(other) == _scratch(other), other


def _totals(parsed: ParsedNote) -> tuple[Any, ...]:
    """citations.documents() as the parsed note gives it."""
    if not parsed.dates and not parsed.citations:
        return (0, 0, 0, None, (), False, False)
    invalid = len(parsed.invalid_dates)
    numbers = tuple(key for key, _, _ in parsed.numbered)
    active = any(c.activities for c, _ in parsed.issue_dates)
    issued = parsed.issue_dates
    return (
        len(parsed.dates) - invalid,
        invalid,
        len(issued),
        parsed.latest_issue,
        numbers,
        active,
        bool(parsed.citations),
    )


@pytest.mark.parametrize("shift", [0, 2])
def test_document_totals_are_the_parsed_notes(shift: int) -> None:
    """The document rules total a note from its shape (citations.documents), not its parsed note."""
    for note in [n for n, _ in CORPUS] + SEVERAL_PARTS:
        note = _other_digits(note, shift)
        assert citations.documents(note) == _totals(parse_note.__wrapped__(note)), note


def test_a_note_is_read_as_parse_note_reads_it() -> None:
    """planned() keeps the text parse_note reads (NFC, cut at MAX_NOTE) when it is not the note itself."""
    decomposed = "Quye\u0302\u0301t đi\u0323nh so\u0302\u0301 5/QĐ-TTT nga\u0300y 20/10/2021"
    long = "Biên bản ngày 29/01/2021; " * (citations.MAX_NOTE // 20)
    for note in (decomposed, long, " ", ""):
        for _ in range(2):  # read, then kept
            text, _ = citations.planned(note)
            assert text == citations.normalise_note(note)
            assert parse_note.__wrapped__(note).text == text
        assert figures.__wrapped__(note) == tuple(arithmetic._find_figures(note, parse_note.__wrapped__(note)))


def test_folding_keeps_every_ascii_digit_and_makes_none(monkeypatch: pytest.MonkeyPatch) -> None:
    """evidence._same_note tells two notes apart by their ASCII digits before it folds them
    (values.fold: NFC, case folding, spaces): each character, between two digits, keeps them."""
    monkeypatch.setattr(values, "normalise", values.normalise.__wrapped__)  # nothing kept of these
    others = "".join(ch for ch in _every_character() if ch not in "0123456789")
    for digit in "0123456789":
        folded = values.fold.__wrapped__(digit + digit.join(others) + digit)
        assert re.sub("[^0-9]", "", folded) == digit * (len(others) + 1)
