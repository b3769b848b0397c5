"""OOXML packages (docx, xlsx) are zips of XML: refuse broken ones and zip bombs before
anything is inflated, and XML entity bombs and oversized trees in every part a reader parses.

The zip directory is checked when the package is opened: its declared sizes are what
zipfile enforces on reading (it stops and fails the CRC beyond them), so they bound
everything a reader can inflate. No XML part may declare a DTD: no report needs one,
and entity expansion needs one. A DTD can only stand in the prolog, before the root
element, so only the prolog is read: a few bytes of each part when the package is
opened (a package carrying a DTD anywhere is refused, as before), the whole of it again
for each part a reader parses, which must also hold no more elements than a tree of
bounded memory. Nothing else is inflated.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from types import TracebackType
from xml.etree import ElementTree

from cchc_rules.errors import CchcError
from cchc_rules.limits import MAX_MEMBERS, MAX_RATIO, MAX_UNCOMPRESSED, RATIO_FLOOR

# Elements of one parsed part, counted before it is parsed: about 200 MB as a tree.
# A Word report of a hundred pages has some 100,000; the sample, 4,200.
MAX_PART_ELEMENTS = 1_000_000

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEAD = 1024
MAX_PROLOG = 64 * 1024
_XML_SPACE = " \t\r\n"
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, NotImplementedError, ValueError, OSError, EOFError)


class Package:
    """An opened docx or xlsx whose zip directory is within the limits; parts are read on demand."""

    def __init__(self, data: bytes, path: str, fmt: str, required: str) -> None:
        self.path = path
        self.format = fmt
        if data.startswith(_OLE_MAGIC):
            raise self.broken("tệp mã hoá hoặc định dạng cũ (.doc/.xls) / encrypted or legacy (.doc/.xls) file")
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
        except (*_ZIP_ERRORS, RuntimeError) as exc:
            raise self.broken(f"không phải zip / not a zip: {exc}") from None
        self._infos = {info.filename: info for info in self._zip.infolist()}
        self._check_directory(required)
        for info in self._infos.values():
            if info.filename.lower().endswith((".xml", ".rels")):
                self._check_prolog(info.filename, self._head(info))
        self._read: dict[str, bytes] = {}  # parts already read and checked

    def __enter__(self) -> Package:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self._zip.close()

    def broken(self, reason: str) -> CchcError:
        return CchcError("broken-file", path=self.path, format=self.format, reason=reason)

    def limit(self, reason: str) -> CchcError:
        return CchcError("limit-exceeded", path=self.path, reason=reason)

    def has(self, name: str) -> bool:
        return name in self._infos

    def names(self) -> list[str]:
        return list(self._infos)

    def _check_directory(self, required: str) -> None:
        infos = self._zip.infolist()
        if len(infos) > MAX_MEMBERS:
            raise self.limit(f"{len(infos)} zip members > {MAX_MEMBERS}")
        if required not in self._infos:
            raise self.broken(f"thiếu / missing {required}")
        total = sum(info.file_size for info in infos)
        if total > MAX_UNCOMPRESSED:
            raise self.limit(f"uncompressed size {total} bytes > {MAX_UNCOMPRESSED}")
        for info in infos:
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                # OOXML uses only these two; bzip2 and lzma inflate a whole chunk at once.
                raise self.broken(f"{info.filename}: compression {info.compress_type}")
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
                raise self.limit(f"{info.filename}: compression ratio {ratio:.0f} > {MAX_RATIO} (zip bomb?)")

    def read(self, name: str) -> bytes:
        """A part's bytes, refused if it declares a DTD or holds too many elements to parse.

        A part is inflated and checked once, however often it is asked for."""
        data = self._read.get(name)
        if data is None:
            data = self._inflate(name)
            self._check_prolog(name, data, complete=True)
            # Start tags, comments and the like: what a tree of the part would hold, or more.
            if data.count(b"<") - data.count(b"</") > MAX_PART_ELEMENTS:
                raise self.limit(f"{name}: more than {MAX_PART_ELEMENTS} XML elements")
            self._read[name] = data
        return data

    def _head(self, info: zipfile.ZipInfo) -> bytes:
        """The start of a part, long enough to hold its prolog (the whole part at worst)."""
        try:
            with self._zip.open(info) as member:
                head = member.read(_HEAD)
                while declares_dtd(head) is None and (chunk := member.read(len(head))):
                    head += chunk
                return head
        except (*_ZIP_ERRORS, RuntimeError) as exc:
            raise self.broken(f"{info.filename}: {exc}") from None

    def _check_prolog(self, name: str, data: bytes, complete: bool = True) -> None:
        if declares_dtd(data, complete):
            raise self.broken(
                f"{name}: khai báo DTD/ENTITY không được phép / DTD or entity declaration not allowed (XML bomb?)"
            )  # or a prolog too long to check

    def _inflate(self, name: str) -> bytes:
        info = self._infos.get(name)
        if info is None:
            raise self.broken(f"thiếu / missing {name}")
        try:
            return self._zip.read(info)
        except (*_ZIP_ERRORS, RuntimeError) as exc:
            raise self.broken(f"{name}: {exc}") from None

    def xml(self, name: str) -> ElementTree.Element:
        """A part parsed into a tree (the C ElementTree: no entities beyond XML's five, no network)."""
        data = self.read(name)
        try:
            return ElementTree.fromstring(data)
        except ElementTree.ParseError as exc:
            raise self.broken(f"{name}: {exc}") from None


def declares_dtd(head: bytes, complete: bool = False) -> bool | None:
    """Whether an XML document's prolog declares a DTD; None if head ends inside the prolog.

    The prolog is what may precede the root element: an XML declaration, comments,
    processing instructions, white space and the one <!DOCTYPE>. Any other "<!" there is
    refused too, and so is a prolog longer than MAX_PROLOG (an Office part's is one line).
    Parsers read UTF-8 or UTF-16, told apart by the first bytes as they do.
    """
    window = head[:MAX_PROLOG]
    if window.startswith((b"\xff\xfe", b"<\x00")):
        text = window.decode("utf-16-le", errors="replace").removeprefix("\ufeff")
    elif window.startswith((b"\xfe\xff", b"\x00<")):
        text = window.decode("utf-16-be", errors="replace").removeprefix("\ufeff")
    else:
        text = window.removeprefix(b"\xef\xbb\xbf").decode("latin-1")  # "<", "!", "?", "-" stand where ASCII has them
    at = 0
    while True:
        while at < len(text) and text[at] in _XML_SPACE:
            at += 1
        if text.startswith("<?", at) or text.startswith("<!--", at):
            close = "?>" if text[at + 1] == "?" else "-->"
            end = text.find(close, at + 2)
            if end < 0:
                break
            at = end + len(close)
        elif text.startswith("<!", at):
            return True
        elif len(text) - at < 4 and "<!--".startswith(text[at:]):
            break  # "", "<", "<!" or "<!-": the next bytes decide
        else:
            return False  # the root element (or something no parser accepts)
    if len(head) > MAX_PROLOG:
        return True
    return False if complete else None
