"""The intervention register: an append-only log of who changed what and when, CSV in and out, shipped examples."""

from interventions.model import DIRECTIONS, FIELDS, Catalogue, Intervention, parse_fields, validate
from interventions.store import Register, RegisterError, register

__all__ = ["DIRECTIONS", "FIELDS", "Catalogue", "Intervention", "Register", "RegisterError", "parse_fields",
           "register", "validate"]
