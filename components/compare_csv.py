"""CSV text for Compare's downloads, headed by lines naming the view, sources, licences and benchmark."""

from __future__ import annotations

from datetime import date

import pandas as pd

from components.csv_out import csv_text as write_csv


def csv_text(frame: pd.DataFrame, title: str, catalogue: pd.DataFrame, indicators: list[str], bench_line: str) -> str:
    """The frame as CSV after '#' lines: what it is, each source with its licence, the benchmark and the date."""
    used = catalogue.loc[[i for i in dict.fromkeys(indicators) if i in catalogue.index]]
    sources = sorted({f"{r.publisher} ({r.licence})" for r in used.itertuples()})
    head = [title, f"Sources and licences: {'; '.join(sources) or 'none'}.", bench_line,
            f"Made {date.today().isoformat()} by the Trafford Data Observatory."]
    return write_csv(frame, head)
