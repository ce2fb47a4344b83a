"""Reading a page's URL parameters, one way: each is valid (kept), invalid (replaced, with a notice) or missing
(its default). The reverse of components/urls.py; pure, no I/O.

A page declares each parameter in one statement, in the order later ones depend on earlier ones:

    p = Params(query)
    view = p.one("view", VIEWS, "grid", "Unknown view “{value:.40}”: showing the overview grid.")
    areas = p.codes("areas", most=6, bad="Ignored area codes that are not valid: {codes}.",
                    many="At most 6 areas can be chosen; the first 6 are kept.")
    return State(view, areas), p.notices

A notice is a format string (`value` is what was asked, `default` what is shown instead, plus any `words`) or a
function of the value; an empty notice replaces silently.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

CODE = re.compile(r"^[EW]\d{8}$")  # a GSS area code: E05015253
Allowed = Collection | Callable[[str], bool]


def first(value, limit: int = 400) -> str:
    """A query parameter as one trimmed string ('' when missing; a repeated parameter keeps its first value)."""
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    return "" if value is None else str(value).strip()[:limit]


def _ok(value: str, allowed: Allowed) -> bool:
    return allowed(value) if callable(allowed) else value in allowed


class Params:
    """A page's query parameters and the notices for those that were replaced."""

    def __init__(self, query: dict | None, limit: int = 400):
        self.query = query or {}
        self.limit = limit
        self.notices: list[str] = []

    def given(self, name: str) -> bool:
        """Whether the address names the parameter at all (even empty)."""
        return name in self.query

    def text(self, name: str, upper: bool = False) -> str:
        """The raw value, trimmed ('' when missing)."""
        value = first(self.query.get(name), self.limit)
        return value.upper() if upper else value

    def notice(self, text: str) -> None:
        """Add a notice a parameter's own rule needs (one that `one` and `codes` do not cover)."""
        self.notices.append(text)

    def one(self, key: str, /, allowed: Allowed, default, notice: str | Callable[[str], str] = "",
            missing=None, upper: bool = False, **words):
        """The value when allowed; the default (and the notice) when it is not; `missing` (else the default)
        when the address leaves it out."""
        value = self.text(key, upper)
        if not value:
            return default if missing is None else missing
        if _ok(value, allowed):
            return value
        if notice:
            self.notices.append(notice(value) if callable(notice) else
                                notice.format(value=value, default=default, **words))
        return default

    def codes(self, name: str, most: int, bad: str, many: str, valid: Callable[[str], bool] = CODE.match) -> list[str]:
        """A comma-separated list of area codes, upper-cased: invalid and repeated ones dropped (`bad` names up to
        five as {codes}), at most `most` kept (`many` says so)."""
        kept: list[str] = []
        dropped: list[str] = []
        for code in self.text(name, upper=True).split(","):
            code = code.strip()
            if code:
                (kept if valid(code) and code not in kept else dropped).append(code)
        if dropped:
            self.notices.append(bad.format(codes=", ".join(c[:12] for c in dropped[:5])))
        if len(kept) > most:
            self.notices.append(many)
        return kept[:most]

    def items(self, name: str) -> list[str]:
        """A comma-separated list, trimmed, empty items left out."""
        return [p.strip() for p in self.text(name).split(",") if p.strip()]
