"""Uploaded files waiting to pass validation: kept server-side (sharing.pending, the state database) so the browser
holds only a token."""

from sharing.pending import KEEP_SECONDS, TOKEN, PendingError, discard, load, save

__all__ = ["KEEP_SECONDS", "TOKEN", "PendingError", "discard", "load", "save"]
