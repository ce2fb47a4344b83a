"""The one CSV writer for everything the app hands out: `#` lines, then a table whose text cannot run as a formula."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

import pandas as pd

from sharing.filenames import header_text

# a cell starting with one of these is run by Excel, LibreOffice and Sheets (=1+1, +cmd|..., @SUM, -2+3, DDE);
# the full-width forms are read as the same signs by some spreadsheets
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_NUMBER = re.compile(r"[+\-\uff0b\uff0d]?(\d[\d,]*\.?\d*|\.\d+)([eE][+-]?\d+)?%?")
# in a `#` line a spreadsheet splits cells at commas, semicolons and tabs: a piece starting with a sign is a cell too
_PIECE = re.compile(r"(^|[,;\t])([ \"]*)([=+\-@\uff1d\uff0b\uff0d\uff20][^,;\t\"]*)")


def _is_number(text: str) -> bool:
    return bool(_NUMBER.fullmatch(text.strip()))


def safe_cell(value: object) -> object:
    """The value, with text that a spreadsheet would run as a formula prefixed by ' (numbers, even negative, kept)
    and carriage returns inside text as line breaks."""
    if not isinstance(value, str):
        return value
    if "\r" in value:  # a bare CR is not quoted by the csv module with '\n' line ends: it would start a new row
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if len(value) > 1 and value.startswith(FORMULA_START) and not _is_number(value):
        return "'" + value
    return value


def _safe_column(col: pd.Series) -> pd.Series:
    if not (pd.api.types.is_string_dtype(col) or col.dtype == object):
        return col
    try:
        # vectorised first look; only flagged cells are checked one by one
        risky = col.str[:1].isin(FORMULA_START) | col.str.contains("\r", regex=False).fillna(False).astype(bool)
    except AttributeError:  # an object column holding no text at all
        return col
    if not risky.any():
        return col
    out = col.astype(object).copy()
    out[risky] = [safe_cell(v) for v in col[risky]]
    return out


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of the frame whose text cells cannot run as formulas."""
    out = frame.copy()
    for name in out.columns:
        out[name] = _safe_column(out[name])
    out.columns = [safe_cell(str(c)) for c in out.columns]
    return out


def header_line(text: object) -> str:
    """One `#` line: a single line whose comma-, semicolon- or tab-separated pieces cannot run as formulas."""
    def guard(m: re.Match) -> str:
        piece = m.group(3)
        return m.group(0) if _is_number(piece) else f"{m.group(1)}{m.group(2)}'{piece}"

    return "# " + _PIECE.sub(guard, header_text(text))


def csv_text(frame: pd.DataFrame | None = None, head: Iterable[object] = (), *, rows: Iterable[Sequence] | None = None,
             columns: Sequence[str] | None = None, quote_text: bool = False) -> str:
    """`#` lines, then the frame (or the rows under `columns`) as CSV with '\\n' line ends, every cell made safe.

    quote_text quotes every text cell, so a '#' inside a value cannot end a row for readers that skip comments."""
    buf = io.StringIO()
    for line in head:
        buf.write(header_line(line) + "\n")
    quoting = csv.QUOTE_NONNUMERIC if quote_text else csv.QUOTE_MINIMAL
    if frame is not None:
        safe_frame(frame).to_csv(buf, index=False, lineterminator="\n", quoting=quoting)
    else:
        w = csv.writer(buf, lineterminator="\n", quoting=quoting)
        w.writerow([safe_cell(str(c)) for c in columns or ()])
        w.writerows([safe_cell(v) for v in row] for row in rows or ())
    return buf.getvalue()
