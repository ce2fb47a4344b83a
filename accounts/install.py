"""Wire accounts into the Flask server: secret key, cookie settings, /login, CSRF and the local admin."""

from __future__ import annotations

import os
from datetime import timedelta

from flask import Flask, request, session

from accounts import csrf
from accounts.limits import SIGNED_IN, too_large
from accounts.routes import blueprint
from accounts.secret import secret_key
from accounts.sessions import IDLE_DEFAULT, MAX_AGE_DEFAULT, USER_COOKIE, current_user
from accounts.store import ensure_admin
from accounts.throttle import Throttle

API = "api"  # the open-data blueprint (routes/api.py)


def init_accounts(server: Flask) -> None:
    """Configure sessions and CSRF on the server and create or refresh the admin from the environment."""
    idle = float(os.environ.get("OBSERVATORY_SESSION_IDLE_HOURS", IDLE_DEFAULT / 3600)) * 3600
    server.config.update(
        SECRET_KEY=secret_key(),
        SESSION_COOKIE_NAME="obs_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=os.environ.get("OBSERVATORY_SECURE_COOKIES", "0") in ("1", "true", "yes"),
        PERMANENT_SESSION_LIFETIME=timedelta(seconds=idle),
        ACCOUNTS_IDLE_SECONDS=idle,
        ACCOUNTS_MAX_AGE_SECONDS=MAX_AGE_DEFAULT,
        MAX_CONTENT_LENGTH=SIGNED_IN,  # a body without Content-Length is cut here while it is read
        MAX_FORM_MEMORY_SIZE=SIGNED_IN,
    )
    server.extensions["accounts_throttle"] = Throttle()
    server.register_blueprint(blueprint)

    # first of all: nothing may read an oversized body (the CSRF check reads form fields)
    server.before_request(too_large)

    @server.before_request
    def _check_csrf():
        # a method or path no route takes changes nothing, and the open-data API is read-only and never reads
        # the session: let them answer as they do (a plain 405 or 404), not as a forgery
        if request.routing_exception is None and request.blueprint != API and not csrf.request_ok():
            return csrf.rejection()
        return None

    @server.after_request
    def _cookies(response):
        # no session cookie, nothing to do: reading `session` would add "Vary: Cookie" to every public
        # response (the API's and the assets'), which stops shared caches from keeping them
        if server.config["SESSION_COOKIE_NAME"] not in request.cookies and csrf.COOKIE not in request.cookies:
            return response
        if "user" in session or csrf.COOKIE in request.cookies:
            csrf.set_cookie(response)
        if USER_COOKIE in request.cookies and "user" in session and current_user() is None:
            response.delete_cookie(USER_COOKIE)  # expired: the navbar stops saying "signed in"
        return response

    admin, password = os.environ.get("OBSERVATORY_ADMIN_USER"), os.environ.get("OBSERVATORY_ADMIN_PASSWORD")
    if admin and password:
        ensure_admin(admin, password)
