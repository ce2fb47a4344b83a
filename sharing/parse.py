"""Read a partner's CSV or Excel file into long-format rows, detecting the long, wide or Fingertips shape."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd

from data.periods import STORE, AmbiguousPeriod, PeriodError, read_period
from sharing import fingertips

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
MAX_CELLS = 4_000_000  # rows times columns read from a sheet
MAX_UNZIPPED = 400 * 1024 * 1024  # all parts of a workbook together, as declared (zipfile stops reading there)
MAX_PART = {"xl/sharedStrings.xml": 40 * 1024 * 1024}  # read whole into memory by openpyxl, unlike sheets
MAX_RATIO = 200  # real workbooks compress 5-50 times; a bomb a thousand
LONG_COLUMNS = ("indicator_id", "area_code", "area_name", "period", "value", "lower_ci", "upper_ci", "numerator",
                "denominator", "breakdown")
REQUIRED = ("area_code", "period", "value")
# what people write in a header for each template column (compared after lower-casing and squashing spaces)
ALIASES = {
    "indicator_id": ("indicator", "indicator id", "indicator_code"),
    "area_code": ("code", "areacode", "area code", "gss code", "geography code", "ward code", "lsoa code",
                  "msoa code", "ons code"),
    "area_name": ("name", "area", "area name", "ward name", "ward", "geography", "geography name"),
    "period": ("time period", "year", "date", "time"),
    "value": ("val",),
    "lower_ci": ("lower", "lcl", "lower ci", "lower_ci_95", "lower 95% ci", "lower limit"),
    "upper_ci": ("upper", "ucl", "upper ci", "upper_ci_95", "upper 95% ci", "upper limit"),
    "numerator": ("count", "events", "num"),
    "denominator": ("population", "denom", "base"),
    "breakdown": ("sex", "group", "category"),
}
# ONS lookup headers: lsoa11cd, LSOA21CD, wd23cd, LAD19NM, msoa21nm (cd = code, nm = name; nmw is the Welsh name)
ONS_CODE_NAME = re.compile(r"^(?:lsoa|msoa|oa|wd|ward|lad|la|lau\d?|ltla|utla|cty|ctyua|cauth|rgn|ctry|pcon|"
                           r"icb|sicbl|ccg)\d{0,2}(cd|nm)$")
# 'LA code', 'Local Authority District code (2019)', 'LSOA name (2011)', 'Ward 2023 name'
AREA_WORDS = re.compile(r"^(?:area|ward|lsoa|msoa|la|lad|local authority|local authority district|district|borough|"
                        r"geography|gss|ons)(?: ?\d{2,4})? (code|name)$")
HEADER_SCAN = 40  # title rows a published workbook puts above its header (DEFRA's and ONS's have up to 15)
SHAPES = {"long": "the observatory's long format (one row per area and period)",
          "wide": "a wide table (one column per period)",
          "fingertips": "a Fingertips data export"}


class UploadError(ValueError):
    """A file that cannot be read at all; the message says why and what to do (and a workbook's sheets, so the
    partner can choose another)."""

    def __init__(self, message: str, sheets: list[str] | None = None, sheet: str | None = None):
        super().__init__(message)
        self.sheets, self.sheet = list(sheets or []), sheet


@dataclass
class ParsedUpload:
    """Rows read from a file: long-format text cells with `source_row` (the file's row number) and `source_column` per value."""

    frame: pd.DataFrame
    shape: str
    header_row: int
    columns: list[str]
    missing: list[str] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)
    sheet: str | None = None
    encoding: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def description(self) -> str:
        """What was read, in words, e.g. 'a wide table (one column per period), 84 values'."""
        where = f" (sheet {self.sheet!r})" if self.sheet else ""
        return f"Read as {SHAPES[self.shape]}{where}: {len(self.frame):,} value rows."


def parse_upload(content: bytes, filename: str = "", sheet: str | None = None) -> ParsedUpload:
    """Parse CSV or Excel bytes; UploadError with a clear message when the file cannot be read."""
    if not content:
        raise UploadError("The file is empty.")
    if len(content) > MAX_BYTES:
        raise UploadError(f"The file is {len(content) / 1e6:.1f} MB; the limit is {MAX_BYTES // (1024 * 1024)} MB. "
                          "Split it by period or area and upload the parts.")
    name = filename.lower()
    if content[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" or name.endswith(".xls"):
        raise UploadError("This is an old Excel 97-2003 (.xls) file: save it as .xlsx or CSV and upload again.")
    if content[:4] == b"PK\x03\x04" or name.endswith((".xlsx", ".xlsm")):
        return _parse_excel(content, sheet)
    text, encoding = _decode(content)
    parsed = _from_grid(_csv_grid(text), "the file")
    parsed.encoding = encoding
    if encoding == "cp1252":
        parsed.notes.append("The file is not UTF-8; read it as Windows-1252 (Excel's usual CSV encoding).")
    elif encoding.startswith("utf-16"):
        parsed.notes.append("The file is UTF-16 (Excel's 'Unicode text'); read it as such.")
    return parsed


def _parse_excel(content: bytes, sheet: str | None) -> ParsedUpload:
    """The chosen sheet, or the first sheet holding a table (a notes sheet in front is passed over, and said)."""
    grid, sheets, first = _excel_grid(content, sheet)
    try:
        parsed = _from_grid(grid, f"sheet {first!r}")
    except UploadError as err:
        if sheet is not None or len(sheets) == 1:
            raise UploadError(f"{err}" + (f" The workbook's sheets: {', '.join(sheets)}: choose another below."
                                          if len(sheets) > 1 else ""), sheets, first) from err
        for other in sheets[1:]:
            try:
                parsed = _from_grid(_excel_grid(content, other)[0], f"sheet {other!r}")
            except UploadError:
                continue
            parsed.notes.insert(0, f"The first sheet ({first!r}) holds no table; read sheet {other!r}.")
            parsed.sheets, parsed.sheet = sheets, other
            return parsed
        raise UploadError(f"No sheet of the workbook holds a table ({', '.join(sheets)}). {err} Choose the sheet "
                          "that holds the data below, or save it as CSV.", sheets, first) from err
    parsed.sheets, parsed.sheet = sheets, first
    return parsed


NOT_TEXT = ("This does not look like a CSV file or a spreadsheet (it holds binary data, not text). Upload a .csv "
            "or .xlsx file; in Excel, use File > Save As > CSV UTF-8.")


def _decode(content: bytes) -> tuple[str, str]:
    """The text of a CSV file and its encoding (UTF-8, UTF-16 with or without BOM, Windows-1252); binary refused."""
    utf16 = _utf16(content)
    if utf16:
        try:
            return _text_or_refuse(content.decode(utf16).lstrip("\ufeff")), utf16
        except UnicodeDecodeError:
            raise UploadError(NOT_TEXT) from None
    head = content[:8192]
    if b"\x00" in head or content[:4] in (b"%PDF", b"\x89PNG") or content[:3] == b"\xff\xd8\xff":
        raise UploadError(NOT_TEXT)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return _text_or_refuse(content.decode(encoding)), encoding
        except UnicodeDecodeError:
            continue
    return _text_or_refuse(content.decode("latin-1")), "latin-1"


def _utf16(content: bytes) -> str | None:
    """'utf-16' when the file starts with a UTF-16 byte-order mark; 'utf-16-le'/'-be' when, without one, every
    other byte of its start is zero (ASCII text saved as UTF-16); else None."""
    if content[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    head = content[:2000]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _text_or_refuse(text: str) -> str:
    """The text, unless its start is mostly control characters (random or binary bytes that happened to decode)."""
    head = text[:8192]
    odd = sum(1 for ch in head if (ch < " " and ch not in "\t\r\n") or "\x7f" <= ch <= "\x9f" or ch == "\ufffd")
    if head and odd > 0.02 * len(head):
        raise UploadError(NOT_TEXT)
    return text


def _csv_grid(text: str) -> list[tuple[int, list[str]]]:
    """(line number, cells) of every record; the delimiter sniffed among comma, semicolon and tab."""
    sample = "\n".join(line for line in text.splitlines()[:50] if not line.startswith("#"))
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    grid, line = [], 1
    try:
        for cells in reader:
            grid.append((line, cells))
            line = reader.line_num + 1  # a quoted cell may span lines: the next record starts after it
            if len(grid) > MAX_ROWS + 50:
                raise UploadError(f"The file has more than {MAX_ROWS:,} rows: split it and upload the parts.")
    except csv.Error as err:
        raise UploadError(f"The CSV cannot be read near line {reader.line_num}: {err}.") from err
    return grid


def _excel_grid(content: bytes, sheet: str | None) -> tuple[list[tuple[int, list[str]]], list[str], str]:
    """(Excel row number, cells) of the chosen sheet (the first by default), with the workbook's sheet names."""
    import openpyxl

    _check_zip(content)
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as err:  # a damaged or mislabelled file: openpyxl raises many kinds
        raise UploadError(f"The Excel file cannot be opened ({type(err).__name__}); save it again as .xlsx "
                          "or CSV.") from err
    try:
        names = list(book.sheetnames)
        if sheet is not None and sheet not in names:
            raise UploadError(f"The workbook has no sheet {sheet!r}; it has {', '.join(names)}.")
        ws = book[sheet or names[0]]
        grid, cells = [], 0
        for i, row in enumerate(ws.iter_rows(values_only=True), start=1):
            grid.append((i, [_cell_text(v) for v in row]))
            cells += len(row)
            if i > MAX_ROWS + 50:
                raise UploadError(f"The sheet has more than {MAX_ROWS:,} rows: split it and upload the parts.")
            if cells > MAX_CELLS:
                raise UploadError(f"The sheet has more than {MAX_CELLS:,} cells (up to row {i:,}): delete unused "
                                  "columns, or split it and upload the parts.")
        return grid, names, sheet or names[0]
    finally:
        book.close()


def _check_zip(content: bytes) -> None:
    """Refuse a workbook whose parts would unzip too large, before anything is unzipped (the sizes are the zip's
    own; zipfile never reads past them)."""
    import zipfile

    try:
        parts = zipfile.ZipFile(io.BytesIO(content)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise UploadError("The Excel file cannot be opened (it is damaged or not really .xlsx); save it again as "
                          ".xlsx or CSV.") from err
    if not any(p.filename.startswith("xl/") for p in parts):
        raise UploadError("This zip file is not an Excel workbook: upload a .xlsx or CSV file.")
    total = sum(p.file_size for p in parts)
    big = [p for p in parts if p.file_size > MAX_PART.get(p.filename, MAX_UNZIPPED)
           or (p.file_size > 8 * 1024 * 1024 and p.file_size > MAX_RATIO * max(p.compress_size, 1))]
    if big or total > MAX_UNZIPPED:
        raise UploadError(f"The workbook would unzip to {total / 1e6:,.0f} MB"
                          + (f" ({big[0].filename} alone {big[0].file_size / 1e6:,.0f} MB)" if big else "")
                          + ": too large to read. Save the sheet you need as CSV, or split it, and upload again.")


def _cell_text(v: object) -> str:
    """An Excel cell as the text a CSV would hold (dates as ISO dates, whole floats without .0)."""
    if v is None:
        return ""
    if isinstance(v, datetime):
        return v.date().isoformat() if v.time() == datetime.min.time() else v.isoformat()
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    return str(v)


def _key(header: str) -> str:
    return re.sub(r"[\s_]+", " ", header.strip().lower())


def canonical_column(header: str) -> str | None:
    """The template column a header means, or None: the template's names and common spellings, ONS lookup headers
    (lsoa11cd, wd23nm) and 'LA code', 'LSOA name (2011)' and the like."""
    k = _key(header)
    for col, aliases in ALIASES.items():
        if k == _key(col) or k in aliases:
            return col
    bare = re.sub(r"\s*\([^)]*\)", "", k).strip()  # 'lsoa code (2011)' -> 'lsoa code'
    m = ONS_CODE_NAME.match(bare.replace(" ", "")) or AREA_WORDS.match(bare)
    if m:
        return "area_code" if m[1] in ("cd", "code") else "area_name"
    if bare != k:
        return canonical_column(bare)
    return None


def is_period_label(header: str) -> bool:
    """Whether a header is a period label (a wide table's value column), including ones to ask about or refuse
    (so that they are reported rather than dropped)."""
    try:
        read_period(header)
        return True
    except AmbiguousPeriod:
        return True
    except (PeriodError, ValueError):
        pass
    try:
        read_period(header, hint=STORE)  # a period out of range, reported as such
        return True
    except (PeriodError, ValueError):
        return False


def looks_like_header(cells: list[str]) -> bool:
    """Whether a row names the columns: a Fingertips header, an area code column, or both period and value."""
    if fingertips.is_fingertips(cells):
        return True
    mapped = {canonical_column(c) for c in cells if c}
    return "area_code" in mapped or {"period", "value"} <= mapped


def _from_grid(grid: list[tuple[int, list[str]]], where: str = "the file") -> ParsedUpload:
    """Find the header (the first row that names the columns, title rows above it passed over and said), pick the
    shape and build long rows. `where` ('sheet 'Data'' or 'the file') names what was read in messages."""
    rows = [(n, [c.strip() for c in cells]) for n, cells in grid
            if any(c.strip() for c in cells) and not (cells and cells[0].lstrip().startswith("#"))]
    if not rows:
        raise UploadError(f"{where[0].upper()}{where[1:]} has no rows: it is empty or holds only blank lines.")
    at = next((i for i, (_, cells) in enumerate(rows[:HEADER_SCAN]) if looks_like_header(cells)), 0)
    header_row, header = rows[at]
    while header and not header[-1]:
        header = header[:-1]
    body, notes = _body(rows[at + 1:], len(header))
    if at:
        notes.insert(0, f"Row {header_row} of {where} was read as the header (it names the columns); the "
                        f"{'title row' if at == 1 else f'{at} title rows'} above it ({_quote(rows[0][1])}) "
                        f"{'was' if at == 1 else 'were'} passed over.")
    elif header_row > 1:
        notes.insert(0, f"Row {header_row} of {where} was read as the header.")
    if fingertips.is_fingertips(header):
        frame = fingertips.to_long(header, body)
        return ParsedUpload(frame, "fingertips", header_row, header, notes=notes)
    mapped = [canonical_column(h) for h in header]
    period_cols = [i for i, h in enumerate(header) if mapped[i] is None and is_period_label(h)]
    if "value" not in mapped and "area_code" in mapped and period_cols:
        return ParsedUpload(_wide(header, mapped, period_cols, body), "wide", header_row, header, notes=notes)
    if not any(m in ("area_code", "value", "period") for m in mapped) and not period_cols:
        raise UploadError(f"No row of {where} names the columns the observatory needs: expected the template's "
                          f"columns ({', '.join(LONG_COLUMNS)}), an area code column (such as area_code, lsoa21cd "
                          "or LA code) and a column per period, or a Fingertips export. The first row of "
                          f"{where} (row {rows[0][0]}) reads: {_quote(rows[0][1])}.")
    return ParsedUpload(_long(mapped, body), "long", header_row, header,
                        missing=[c for c in REQUIRED if c not in mapped], notes=notes)


def _quote(cells: list[str]) -> str:
    """The first cells of a row, as the partner sees them."""
    return ", ".join(c for c in cells[:8] if c)[:200] or "(blank)"


def _body(rows: list[tuple[int, list[str]]], width: int) -> tuple[list[tuple[int, list[str]]], list[str]]:
    """The data rows padded to the header's width; rows below the table holding one line of text (source notes,
    footnotes) are passed over and said."""
    body, skipped = [], []
    for n, cells in rows:
        filled = [c for c in cells if c]
        if width > 2 and len(filled) == 1 and cells[0] and len(cells[0]) > 20 and " " in cells[0]:
            skipped.append(n)
            continue
        body.append((n, cells + [""] * (width - len(cells))))
    notes = []
    if skipped:
        rows_said = ", ".join(str(n) for n in skipped[:6]) + (f" and {len(skipped) - 6} more" if len(skipped) > 6
                                                              else "")
        notes.append(f"Row{'s' * (len(skipped) != 1)} {rows_said} {'hold' if len(skipped) > 1 else 'holds'} only a "
                     "line of text (a note or source?): "
                     "passed over.")
    return body, notes


def _long(mapped: list[str | None], body: list[tuple[int, list[str]]]) -> pd.DataFrame:
    """Long rows: each template column's text (first column of that meaning wins)."""
    first = {}
    for i, m in enumerate(mapped):
        if m is not None and m not in first:
            first[m] = i
    data = {col: [cells[i] for _, cells in body] for col, i in first.items()}
    frame = pd.DataFrame(data, dtype=object).reindex(columns=list(LONG_COLUMNS))
    frame["source_row"] = [n for n, _ in body]
    frame["source_column"] = "value"
    return frame


def _wide(header: list[str], mapped: list[str | None], period_cols: list[int],
          body: list[tuple[int, list[str]]]) -> pd.DataFrame:
    """One long row per non-empty period cell of a wide table."""
    code_i = mapped.index("area_code")
    name_i = mapped.index("area_name") if "area_name" in mapped else None
    other = {m: mapped.index(m) for m in ("indicator_id", "breakdown") if m in mapped}
    out = []
    for n, cells in body:
        for i in period_cols:
            if cells[i] == "":
                continue
            row = {"area_code": cells[code_i], "area_name": cells[name_i] if name_i is not None else None,
                   "period": header[i], "value": cells[i], "source_row": n, "source_column": header[i]}
            row.update({m: cells[j] for m, j in other.items()})
            out.append(row)
    frame = pd.DataFrame(out, columns=[*LONG_COLUMNS, "source_row", "source_column"], dtype=object)
    frame["source_row"] = frame["source_row"].astype("int64")
    return frame
