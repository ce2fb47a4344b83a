"""The register as CSV: export with source lines, import checked row by row (nothing is written unless all pass)."""

from __future__ import annotations

import csv
from datetime import date

from components.csv_out import csv_text
from interventions.model import FIELDS, Catalogue, Intervention, parse_fields, validate

COLUMNS = ("intervention_id", *[f for f in FIELDS if f != "directions"], "example", "version", "changed_by",
           "changed_at")
MAX_ROWS = 500
MAX_BYTES = 1_000_000


def export_csv(items: list[Intervention], made: date | None = None) -> str:
    """The register as CSV; '#' lines say what it is and that examples are illustrative (formulas neutralised)."""
    head = [f"Trafford Data Observatory: intervention register, exported {(made or date.today()).isoformat()}",
            "Source: entered by partner organisations; rows with example=yes are illustrative, not real schemes.",
            "Licence: Open Government Licence v3.0. Lists are separated by ';'; indicators as id:direction."]
    rows = []
    for i in items:
        f = i.as_fields()
        rows.append([i.intervention_id, f["title"], f["organisation"], f["service"], f["theme"], ";".join(f["areas"]),
                     f["start"], f["end"] or "", _num(f["cost_total"]), _num(f["cost_per_year"]),
                     ";".join(f"{a}:{d}" for a, d in zip(f["indicators"], f["directions"], strict=False)),
                     f["description"], f["link"], "yes" if i.example else "no", i.version, i.changed_by, i.changed_at])
    return csv_text(head=head, rows=rows, columns=COLUMNS)


def _num(x) -> str:
    return "" if x is None else f"{x:g}" if float(x) != int(x) else str(int(x))


def read_csv(text: str, catalogue: Catalogue) -> tuple[list[dict], list[str]]:
    """Parsed records from CSV text, and every problem as 'Row n: ...' (rows counted as in a spreadsheet)."""
    if len(text.encode("utf-8", "replace")) > MAX_BYTES:
        return [], [f"The file is larger than {MAX_BYTES // 1_000_000} MB."]
    lines = [ln for ln in text.lstrip("\ufeff").splitlines() if not ln.startswith("#")]
    reader = csv.DictReader(lines)
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in ("title", "organisation", "theme", "areas", "start", "indicators") if c not in header]
    if missing:
        return [], [f"The header lacks the columns: {', '.join(missing)} (export the register for a template)."]
    records, errors = [], []
    for n, raw in enumerate(reader, start=2):
        if n - 1 > MAX_ROWS:
            errors.append(f"More than {MAX_ROWS} rows: import them in parts.")
            break
        raw = {(k or "").strip(): v for k, v in raw.items()}
        if str(raw.get("example", "")).strip().lower() in ("yes", "true", "1"):
            continue  # the shipped examples come back in an exported file: skip, never import them
        fields, problems = parse_fields(raw)
        problems += validate(fields, catalogue)
        if problems:
            errors.append(f"Row {n}: " + " ".join(problems))
        else:
            fields["intervention_id"] = (raw.get("intervention_id") or "").strip()[:40]
            records.append(fields)
    if not records and not errors:
        errors.append("The file has no interventions to import.")
    return records, errors
