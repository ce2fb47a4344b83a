"""The one place that cleans names that reach headers or paths: uploaded file names and `#` header lines."""

from __future__ import annotations

import re
import unicodedata

MAX_NAME = 120
_UNSAFE = re.compile(r"[^\w .\-()=+,&\[\]]")


def _one_line(text: str) -> str:
    """Control characters, line and paragraph separators as spaces, runs of spaces as one."""
    text = "".join(" " if unicodedata.category(c)[0] == "C" or unicodedata.category(c) in ("Zl", "Zp") else c
                   for c in str(text))
    return re.sub(r"\s+", " ", text).strip()


def safe_filename(name: object) -> str:
    """A file name safe for a folder and a Content-Disposition header: the last path part, letters, digits and a few
    marks only, at most 120 characters with its extension kept; 'upload' when nothing is left."""
    base = re.split(r"[/\\]", str(name or ""))[-1]
    cleaned = re.sub(r"\s+", " ", _UNSAFE.sub(" ", _one_line(base))).strip(" .")
    if not cleaned:
        return "upload"
    if len(cleaned) > MAX_NAME:
        stem, dot, ext = cleaned.rpartition(".")
        ext = dot + ext if dot and len(ext) <= 8 else ""
        cleaned = (stem if ext else cleaned)[:MAX_NAME - len(ext)] + ext
    return cleaned


def header_text(value: object) -> str:
    """Text for one `#` header line of a CSV (or any single-line header): never a line break."""
    return _one_line(value)
