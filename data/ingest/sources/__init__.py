"""Indicator source modules: one module per raw source, found here automatically.

The contract each module keeps (see data/ingest/build.py for what happens next):

- ``CATALOG = "name"`` names ``data/catalog/<name>.yaml``, the metadata of the indicators it yields: a list of
  mappings with ``id`` (snake_case, unique across the store), ``name``, ``theme`` (a key of
  ``data.schema.THEMES``), ``definition``, ``unit`` (e.g. "%", "per 100,000", "years", "£", "count"),
  ``value_type`` (``data.schema.VALUE_TYPES``), ``multiplier`` (100 for a percentage, 100000 per 100,000, 1
  otherwise), ``polarity`` (``high_is_good``, ``low_is_good``, ``no_judgement``), ``ci_method`` (``wilson``
  for proportions from numerator/denominator, ``byars`` for crude rates and counts, ``source`` when the file
  gives the limits, ``none``), ``publisher``, ``licence``, ``source_url`` (or null), ``notes`` (optional).
- ``load(ctx: IngestContext) -> pandas.DataFrame`` in long format with columns:
  ``indicator_id``, ``area_code``, ``level`` (a key of ``data.schema.LEVELS``), ``period`` (the label as the
  source spells it, or a cleaner spelling; the build parses and canonicalises it), ``value`` (float, NaN
  when missing) and ``source_path`` (the raw file relative to the raw folder); optionally ``area_name``,
  ``breakdown`` (default "Persons"; e.g. "Male", "Female"), ``numerator``, ``denominator``,
  ``lower_ci``/``upper_ci`` (95%, as published), ``lower_ci_998``/``upper_ci_998``, ``suppressed``,
  ``estimated``, ``provisional`` (bools) and ``source_row`` (the line in the raw file, for the report).
  Where numerator and denominator exist, give them and leave the limits empty: the build computes them with
  ``analysis.stats`` by the catalogue's ``ci_method``. Values stay in the unit the catalogue states.
- Use ``ctx.read_csv`` (registers the file as a source, strings only, ``_row`` line numbers),
  ``ctx.number``/``ctx.numbers_checked`` for numeric cells, ``ctx.code`` for area codes (fixes mistyped and
  alias codes), ``ctx.unswap_code_name``; and ``ctx.report.fix/reject(file, row, reason)`` for anything
  normalised or left out. Never raise on a bad row: report it and go on.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

# The columns a module's rows carry, in order: with counts (intervals computed by the build) or without.
ROW_COLUMNS = ["indicator_id", "area_code", "area_name", "level", "period", "breakdown", "value", "source_path",
               "source_row"]
COUNT_ROW_COLUMNS = ROW_COLUMNS[:7] + ["numerator", "denominator"] + ROW_COLUMNS[7:]


def source_modules() -> list[ModuleType]:
    """Every indicator source module in this package, in name order."""
    return [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name)
        if not info.name.startswith("_")
    ]
