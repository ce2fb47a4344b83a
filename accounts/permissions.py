"""Who may do what: roles checked in one place."""

from __future__ import annotations

import functools

from flask import jsonify, redirect, request

from accounts.models import User
from accounts.sessions import current_user
from components import urls


def can_edit_register(user: User | None) -> bool:
    """Whether the user may add to or change the intervention register (partners and admins)."""
    return user is not None and user.role in ("partner", "admin")


def can_upload(user: User | None) -> bool:
    """Whether the user may upload and publish data for their organisation (partners and admins)."""
    return user is not None and user.role in ("partner", "admin")


def safe_next(target: str | None) -> str:
    """A local path to return to after sign-in (never another site)."""
    if (not target or not target.startswith("/") or target.startswith("//") or "\\" in target
            or len(target) > 2000 or any(ord(c) < 32 for c in target)):
        return urls.PARTNER
    return target


def _wants_page() -> bool:
    return request.method == "GET" and request.accept_mimetypes.accept_html


def require_role(*roles: str):
    """Decorate a Flask view: signed-out visitors go to /login?next=… (pages) or get 403; wrong roles get 403."""
    def decorator(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            user = current_user()
            if user is None:
                if _wants_page():
                    return redirect(urls.login_url(request.full_path.rstrip("?")))
                return _refuse(403, "Sign in first: this needs a signed-in account.")
            if roles and user.role not in roles:
                return _refuse(403, f"Your role ({user.role}) may not do this; it needs {' or '.join(roles)}.")
            return view(*args, **kwargs)
        return wrapped
    return decorator


def _refuse(status: int, message: str):
    if request.accept_mimetypes.best == "application/json" or request.is_json:
        return jsonify({"error": message}), status
    return message, status, {"Content-Type": "text/plain; charset=utf-8"}
