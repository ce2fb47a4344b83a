"""Who a signed-in person is: the User record every layer agrees on."""

from __future__ import annotations

import re
from dataclasses import dataclass

ROLES = ("viewer", "partner", "admin")
ROLE_NAMES = {"viewer": "viewer of private data", "partner": "partner", "admin": "administrator"}
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,63}$")
MIN_PASSWORD = 12


class AccountError(ValueError):
    """A username, role, organisation or password that cannot be accepted."""


@dataclass(frozen=True)
class User:
    """A signed-in person: their username, organisation and role (viewer, partner or admin)."""

    username: str
    organisation: str
    role: str

    @property
    def is_admin(self) -> bool:
        """Whether the user administers the observatory."""
        return self.role == "admin"


def clean_username(name: str) -> str:
    """A username trimmed and lower-cased, or AccountError saying what is allowed."""
    name = (name or "").strip().lower()
    if not USERNAME.match(name):
        raise AccountError("A username is 2 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit.")
    return name


def check_role(role: str) -> str:
    """The role if known, else AccountError."""
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}; expected one of {', '.join(ROLES)}.")
    return role


def check_password(password: str) -> str:
    """The password if long enough and not a trivially guessed pattern, else AccountError."""
    password = password or ""
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"A password needs at least {MIN_PASSWORD} characters.")
    if weak_password(password):
        raise AccountError("This password is too easy to guess (one character or a short part repeated, a run "
                           "such as abcdef or 123456, or a common password): use a few unrelated words.")
    return password


COMMON = ("password", "passw0rd", "qwerty", "letmein", "welcome", "trafford", "admin", "iloveyou", "abc123")


def weak_password(password: str) -> bool:
    """Whether a long-enough password is still a pattern: few distinct characters, a repeated chunk, a run of
    neighbouring characters, or a common password padded with digits or symbols."""
    low = password.lower()
    n = len(low)
    if len(set(low)) < 5:
        return True
    if any(n % k == 0 and low == low[:k] * (n // k) for k in range(1, n // 2 + 1)):
        return True
    steps = {ord(b) - ord(a) for a, b in zip(low, low[1:], strict=False)}
    if steps <= {1} or steps <= {-1}:
        return True
    letters = "".join(c for c in low if c.isalpha())
    return any(letters == w or letters == w.strip("0123456789") for w in COMMON)
