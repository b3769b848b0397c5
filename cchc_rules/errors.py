"""User-facing errors: one line in Vietnamese and English, a stable code and an exit code.

Every error a user can meet is listed in ERRORS so that docs/errors.md can be
generated from (and tested against) this one table.
"""

from __future__ import annotations

from typing import Any

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

# code: (exit code, Vietnamese template, English template)
ERRORS: dict[str, tuple[int, str, str]] = {
    "file-not-found": (2, "Không tìm thấy tệp: {path}", "File not found: {path}"),
    "file-unreadable": (2, "Không đọc được tệp {path}: {reason}", "Cannot read {path}: {reason}"),
    "unknown-format": (
        2,
        "Không nhận ra định dạng của tệp {path} (hỗ trợ: .txt, .tsv, .csv, .docx, .xlsx, .json, .yaml)",
        "Unknown format for {path} (supported: .txt, .tsv, .csv, .docx, .xlsx, .json, .yaml)",
    ),
    "empty-file": (2, "Tệp rỗng: {path}", "Empty file: {path}"),
    "binary-file": (
        2,
        "Tệp {path} không phải văn bản (có dữ liệu nhị phân)",
        "{path} is not text (it holds binary data)",
    ),
    "bad-encoding": (
        2,
        "Không giải mã được {path}: {reason}",
        "Cannot decode {path}: {reason}",
    ),
    "no-table": (
        2,
        "Không tìm thấy bảng số liệu Phụ lục 2 trong {path}",
        "No Phụ lục 2 statistics table found in {path}",
    ),
    "broken-file": (
        2,
        "Tệp {path} bị hỏng hoặc không đúng định dạng {format}: {reason}",
        "{path} is broken or not a valid {format} file: {reason}",
    ),
    "too-large": (
        2,
        "Tệp {path} quá lớn ({size} byte, tối đa {limit})",
        "{path} is too large ({size} bytes, limit {limit})",
    ),
    "limit-exceeded": (
        2,
        "Tệp {path} vượt giới hạn: {reason}",
        "{path} exceeds a limit: {reason}",
    ),
    "invalid-report": (
        2,
        "Báo cáo {path} không hợp lệ: {reason}",
        "Invalid report {path}: {reason}",
    ),
    "invalid-catalogue": (
        2,
        "Danh mục chỉ tiêu không hợp lệ: {path}:{line}: {field}: {reason}",
        "Invalid catalogue: {path}:{line}: {field}: {reason}",
    ),
    "invalid-ruleset": (
        2,
        "Bộ quy tắc không hợp lệ: {path}:{line}: {rule}: {reason}",
        "Invalid ruleset: {path}:{line}: {rule}: {reason}",
    ),
    "invalid-period": (
        2,
        "Kỳ báo cáo không hợp lệ: {value} (ví dụ: 2021, 2022-Q1, 2022-H1, 2022-Q3)",
        "Invalid period: {value} (e.g. 2021, 2022-Q1, 2022-H1, 2022-Q3)",
    ),
    "unknown-rule": (2, "Không có quy tắc {rule}", "No rule {rule}"),
    "unknown-agency-kind": (
        2,
        "Loại cơ quan không xác định: {value} (có: {known})",
        "Unknown agency kind: {value} (known: {known})",
    ),
    "output-is-input": (
        2,
        "Không ghi đè lên tệp đầu vào: {path}",
        "Refusing to overwrite an input file: {path}",
    ),
    "output-failed": (2, "Không ghi được {path}: {reason}", "Cannot write {path}: {reason}"),
    "invalid-config": (
        2,
        "Cấu hình không hợp lệ: {path}: khóa {key}: {reason}",
        "Invalid configuration: {path}: key {key}: {reason}",
    ),
    "invalid-baseline": (
        2,
        "Tệp baseline không hợp lệ: {path}: {reason}",
        "Invalid baseline file: {path}: {reason}",
    ),
    "usage": (2, "Sai cách dùng: {reason}", "Usage error: {reason}"),
}


class CchcError(Exception):
    """An error meant for the user, never shown as a traceback."""

    def __init__(self, code: str, **params: Any) -> None:
        if code not in ERRORS:
            raise KeyError(code)
        self.code = code
        self.params = params
        self.exit_code = ERRORS[code][0]
        super().__init__(self.message("en"))

    def message(self, lang: str = "vi") -> str:
        _, vi, en = ERRORS[self.code]
        template = vi if lang == "vi" else en
        return template.format(**{k: _one_line(v) for k, v in self.params.items()})

    def one_line(self) -> str:
        """Both languages on one line, as every command prints an error."""
        return f"lỗi/error [{self.code}]: {self.message('vi')} | {self.message('en')}"


def _one_line(value: Any) -> str:
    text = str(value)
    text = " ".join(text.split())
    return text if len(text) <= 300 else text[:297] + "..."
