"""What an ingest module is given: reading raw files, normalising cells, and reporting what was fixed or rejected."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from data.ingest.report import BuildReport
from data.ingest.source_meta import source_meta

# Cells that mean "no value" in the raw files (see SOURCES.md conventions).
NA_TOKENS = {"", "NA", "N/A", "n/a", ":", "*", "..", "-", "x", "z", "c", "NaN", "nan", "null", "None"}
# Codes mistyped in the sources, mapped to the real code.
MISTYPED_CODES = {"E0800009": "E08000009"}
# Codes of geographies that are the same place as another: alias -> (canonical code, why).
ALIASES = {
    "E11000001": ("E47000001", "Greater Manchester metropolitan county is coterminous with the combined authority"),
    "E22000107": ("E08000009", "Trafford community safety partnership is coterminous with Trafford"),
    "E23000005": ("E47000001", "Greater Manchester Police force area is coterminous with Greater Manchester"),
}
GSS = re.compile(r"^[EWSN]\d{8}$")


@dataclass
class IngestContext:
    """Reads raw files under `raw`, records each one in `sources`, and writes notes to `report`."""

    raw: Path
    report: BuildReport = field(default_factory=BuildReport)
    sources: dict[str, dict] = field(default_factory=dict)

    def path(self, rel: str) -> Path:
        """The absolute path of a raw file, registered as a source of the build."""
        p = self.raw / rel
        if not p.exists():
            raise FileNotFoundError(f"raw file missing: {rel}")
        if rel not in self.sources:
            digest = hashlib.sha256(p.read_bytes()).hexdigest()
            self.sources[rel] = {"source_path": rel, "sha256": digest, **source_meta(self.raw, rel)}
        return p

    def read_csv(self, rel: str, **kwargs) -> pd.DataFrame:
        """A raw CSV as strings, headers trimmed, with `_row` holding each row's line number in the file."""
        df = pd.read_csv(self.path(rel), dtype=str, keep_default_na=False, encoding="utf-8-sig", **kwargs)
        df.columns = [str(c).strip() for c in df.columns]
        df = df.apply(lambda s: s.str.strip())
        df.insert(0, "_row", np.arange(2, len(df) + 2))  # line 1 is the header
        self.sources[rel]["rows"] = len(df)
        return df

    def read_geojson(self, rel: str) -> dict:
        """A raw GeoJSON file as a dict."""
        return json.loads(self.path(rel).read_text(encoding="utf-8"))

    def number(self, cells: pd.Series) -> pd.Series:
        """Numbers from text cells: thousands separators and '%' removed, NA tokens and junk become NaN."""
        text = cells.astype("string").str.strip().str.replace(",", "", regex=False).str.rstrip("%")
        text = text.where(~text.isin(NA_TOKENS))
        return pd.to_numeric(text, errors="coerce").astype(float)

    def numbers_checked(self, df: pd.DataFrame, column: str, rel: str) -> pd.Series:
        """`number` of a column, reporting each non-empty cell that is not a number."""
        out = self.number(df[column])
        bad = out.isna() & ~df[column].astype("string").str.strip().isin(NA_TOKENS)
        for row, cell in zip(df.loc[bad, "_row"], df.loc[bad, column], strict=True):
            self.report.reject(rel, int(row), f"{column} is not a number: {cell!r}")
        return out

    def code(self, cells: pd.Series, rel: str, rows: pd.Series | None = None) -> pd.Series:
        """Area codes trimmed and upper-cased, mistyped and alias codes replaced (each change reported once)."""
        codes = cells.astype("string").str.strip().str.upper()
        for wrong, right in MISTYPED_CODES.items():
            hit = codes == wrong
            if hit.any():
                self.report.fix(rel, None, f"mistyped code {wrong} read as {right} ({int(hit.sum())} rows)")
                codes = codes.mask(hit, right)
        for alias, (canonical, why) in ALIASES.items():
            hit = codes == alias
            if hit.any():
                self.report.fix(rel, None, f"{alias} read as {canonical}: {why} ({int(hit.sum())} rows)")
                codes = codes.mask(hit, canonical)
        return codes

    def unswap_code_name(self, df: pd.DataFrame, rel: str, code: str = "area_code", name: str = "area_name") -> pd.DataFrame:
        """Swap back code and name cells where the code column holds a name and the name column a code."""
        swapped = ~df[code].str.match(GSS.pattern, na=False) & df[name].str.match(GSS.pattern, na=False)
        if swapped.any():
            df = df.copy()
            df.loc[swapped, [code, name]] = df.loc[swapped, [name, code]].to_numpy()
            self.report.fix(rel, None, f"{code} and {name} swapped in {int(swapped.sum())} rows; swapped back")
        return df
