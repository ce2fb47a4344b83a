"""A licence's short name for tight places (a headline card, a table cell); the full wording goes in its title and
on the indicator's /data page."""

from __future__ import annotations

# The catalogue's licences by how they start, each with the name people know it by.
SHORT = (("Open Government Licence v3.0", "OGL v3.0"), ("OS Free to Use Data licence", "OS Free to Use Data"),
         ("Not stated", "Licence not stated"))


def short_licence(text: str | None) -> str:
    """'OGL v3.0' for 'Open Government Licence v3.0'; '(see note)' added when the full wording says more (a
    copy's own terms, rows under another licence); an unknown licence as written."""
    full = " ".join((text or "").split())
    if not full:
        return "Licence not stated"
    for prefix, short in SHORT:
        if full.startswith(prefix):
            rest = full[len(prefix):].strip(" .;")
            return short if not rest or prefix == "Not stated" else f"{short} (see note)"
    return full
