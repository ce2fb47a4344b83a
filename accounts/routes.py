"""/login and /logout: a plain HTML form rendered by Flask (works without JavaScript)."""

from __future__ import annotations

import time

from flask import Blueprint, current_app, make_response, redirect, render_template_string, request

from accounts import csrf
from accounts.models import ROLE_NAMES
from accounts.permissions import safe_next
from accounts.sessions import USER_COOKIE, current_user, sign_in, sign_out
from accounts.store import authenticate
from accounts.throttle import Throttle
from components import urls

blueprint = Blueprint("accounts", __name__)

PAGE = """<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} · Trafford Data Observatory</title>
<link rel="stylesheet" href="/assets/00_bootstrap.min.css"><link rel="stylesheet" href="/assets/10_observatory.css">
</head><body>
<a class="skip-link" href="#main">Skip to main content</a>
<header><nav class="navbar obs-navbar navbar-dark bg-primary" aria-label="Site"><div class="container">
<a class="navbar-brand" href="{{ urls.HOME }}">Trafford Data Observatory</a></div></nav></header>
<main id="main" class="obs-main container" style="max-width:32rem" tabindex="-1">
<h1 class="h3 mt-4 mb-3">{{ title }}</h1>
{% if message %}<div class="alert alert-{{ kind }}" role="{{ 'alert' if kind == 'danger' else 'status' }}">{{ message }}</div>{% endif %}
{% if user %}
<p>Signed in as <strong>{{ user.username }}</strong> ({{ role_name }}, {{ user.organisation }}).</p>
<form method="post" action="{{ urls.LOGOUT }}"><input type="hidden" name="csrf_token" value="{{ token }}">
<button class="btn btn-primary" type="submit">Sign out</button> <a class="ms-3" href="{{ urls.PARTNER }}">Back to partner data</a></form>
{% else %}
<p>Partners sign in here to upload and publish data. The public pages need no sign-in.</p>
<form method="post" action="{{ urls.LOGIN }}" novalidate>
<input type="hidden" name="csrf_token" value="{{ token }}"><input type="hidden" name="next" value="{{ next }}">
<div class="mb-3"><label class="form-label" for="username">Username</label>
<input class="form-control" id="username" name="username" autocomplete="username" required value="{{ username }}"
 autocapitalize="none" spellcheck="false"{% if not username %} autofocus{% endif %}></div>
<div class="mb-3"><label class="form-label" for="password">Password</label>
<input class="form-control" id="password" name="password" type="password" autocomplete="current-password" required
{% if username %} autofocus{% endif %}></div>
<button class="btn btn-primary" type="submit">Sign in</button>
</form>
<p class="small text-muted mt-3">Accounts are made by the observatory's administrator. After {{ idle_hours }} hours
without activity you are signed out.</p>
{% endif %}
</main></body></html>"""


def _throttle() -> Throttle:
    return current_app.extensions["accounts_throttle"]


def _page(status: int = 200, **values):
    user = current_user()
    context = {"title": "Signed in" if user else "Sign in", "user": user, "urls": urls,
               "role_name": ROLE_NAMES.get(getattr(user, "role", "")), "token": csrf.token(),
               "next": safe_next(request.values.get("next")), "username": "", "message": None, "kind": "danger",
               "idle_hours": f"{current_app.config.get('ACCOUNTS_IDLE_SECONDS', 8 * 3600) / 3600:g}"}
    body = render_template_string(PAGE, **(context | values))
    response = make_response(body, status)
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Frame-Options"] = "DENY"  # no clickjacking of the form
    return response


@blueprint.get("/login")
def login_form():
    """The sign-in form (or who is signed in)."""
    message = "You have been signed out." if request.args.get("signed_out") else None
    return _page(message=message, kind="info")


@blueprint.post("/login")
def login():
    """Check the password (slowed after failures, refused when locked) and start a session."""
    username = (request.form.get("username") or "").strip().lower()[:64]
    password = request.form.get("password") or ""
    if len(password) > 1024:  # no account has one this long; hashing megabytes would be a cheap way to load us
        password = ""
    address = request.remote_addr or "?"
    throttle = _throttle()
    # counted before the password is checked, in one transaction: a burst of parallel guesses cannot slip past
    wait, delay, stamp = throttle.begin(username, address)
    if wait:
        return _page(429, username=username, message=f"Too many failed sign-ins. Try again in {int(wait // 60) + 1} "
                                                      "minutes, or ask the administrator to reset your password.")
    time.sleep(delay)
    user = authenticate(username, password) if username and password else None
    if user is None:
        current_app.logger.warning("failed sign-in for %r from %s", username, address)
        # 200, not 401: the form page itself is fine (401 needs an HTTP authentication scheme)
        return _page(200, username=username, message="That username and password do not match an account.")
    throttle.succeeded(username, address, stamp)
    sign_in(user)
    response = redirect(safe_next(request.form.get("next")), code=303)
    response.set_cookie(USER_COOKIE, user.username, httponly=False, samesite="Lax", secure=request.is_secure)
    return response


@blueprint.get("/logout")
def logout_form():
    """A confirmation with a sign-out button (signing out changes state, so it is a POST)."""
    return _page()


@blueprint.post("/logout")
def logout():
    """End the session."""
    sign_out()
    csrf.rotate()
    response = redirect(urls.login_url(signed_out=1), code=303)
    response.delete_cookie(USER_COOKIE)
    return response
