"""Password hashes: scrypt through werkzeug, never the password itself."""

from __future__ import annotations

import hashlib

from werkzeug.security import check_password_hash, generate_password_hash

METHOD = "scrypt:32768:8:1"
# checked against when the username is unknown, so a wrong name costs as long as a wrong password
_DUMMY = generate_password_hash("not-a-real-password-0000", method=METHOD)


def hash_password(password: str) -> str:
    """A salted scrypt hash of the password (werkzeug's format: method$salt$hash)."""
    return generate_password_hash(password, method=METHOD)


def verify_password(stored: str | None, password: str) -> bool:
    """Whether the password matches the stored hash (constant work when there is no hash)."""
    if not stored:
        check_password_hash(_DUMMY, password or "")
        return False
    return check_password_hash(stored, password or "")


def hash_stamp(stored: str) -> str:
    """A short fingerprint of a stored hash: a session remembers it, so a password change signs it out."""
    return hashlib.sha256(stored.encode()).hexdigest()[:16]
