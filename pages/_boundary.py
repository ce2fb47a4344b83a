"""The one error boundary of page layouts (and anything else a page must survive): log, then a friendly message.

Expected errors are caught narrowly where they happen (an unknown code is a QueryError with a message written for
people). What reaches the boundary is either the store missing (said so, no traceback needed) or a fault: its
traceback goes to the log and the person sees one plain message, never a 500 and never internals.
"""

from __future__ import annotations

import functools
import logging

import dash_bootstrap_components as dbc

from queries.db import StoreMissing
from queries.errors import QueryError

log = logging.getLogger("observatory.pages")
FAULT = ("could not be shown because of a fault on our side. It has been logged for the team; please try again "
         "later, or start from the home page.")


def failure(what: str, err: BaseException) -> dbc.Alert:
    """What a person sees when `what` (e.g. 'Explore') failed: the store's or query's own words, else FAULT."""
    if isinstance(err, StoreMissing):
        return dbc.Alert(f"The indicator store is not available: {err}", color="danger")
    if isinstance(err, QueryError):
        return dbc.Alert(f"{what} is not available: {err}", color="danger")
    return dbc.Alert(f"{what} {FAULT}", color="danger")


def guarded(what: str, fallback=None):
    """Decorate a layout (or a page title, with a fallback value): an exception is logged with its traceback
    (a missing store or a query's refusal as a warning) and becomes `fallback`, or failure(what, err)."""
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except (StoreMissing, QueryError) as err:  # expected: said in words, no traceback
                log.log(logging.WARNING if isinstance(err, StoreMissing) else logging.INFO, "%s: %s", what, err)
                return failure(what, err) if fallback is None else fallback
            except Exception as err:
                log.exception("%s failed", what)
                return failure(what, err) if fallback is None else fallback
        return wrapper
    return decorate
