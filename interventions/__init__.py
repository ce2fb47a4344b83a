"""The intervention register: an append-only log of who changed what and when, CSV in and out, shipped examples.

The one way in: `from interventions import register` (and the names below); the app never imports the modules
of this package, so the register can change inside without its callers knowing.
"""

from interventions.csvio import export_csv, read_csv
from interventions.model import DIRECTIONS, FIELDS, Catalogue, Intervention, parse_fields, validate
from interventions.store import Register, RegisterError, register, who

__all__ = ["DIRECTIONS", "FIELDS", "Catalogue", "Intervention", "Register", "RegisterError", "export_csv",
           "parse_fields", "read_csv", "register", "validate", "who"]
