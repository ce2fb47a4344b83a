"""The observatory's Dash app: the shell, the page registry and the Flask server."""

from __future__ import annotations

import os

import dash
from dash import Dash

from accounts import init_accounts
from components.layout import shell
from deferred_libraries import defer_libraries, drop_polyfill
from pages import _shell as navbar
from routes import register_routes
from routes.compression import compressing_server
from sharing.publish import init_sharing


def create_app() -> Dash:
    """Build the app once per process (pages register their callbacks on import)."""
    app = Dash(
        __name__,
        server=compressing_server(__name__),
        use_pages=True,
        pages_folder="pages",
        title="Trafford Data Observatory",
        suppress_callback_exceptions=True,
        compress=True,
        serve_locally=True,
        assets_path_ignore=["vendor"],  # served on demand (the plotly bundle), never as an eager <script>
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    nav_pages = [p for p in dash.page_registry.values() if p.get("nav", True) and p["path"] != "/404"]
    nav_pages.sort(key=lambda p: p.get("order", 99))
    # the page's language for screen readers; Dash's script <footer> would be a second contentinfo landmark
    # plotly.js is fetched by dcc.Graph on first use, and the map's libraries by the first map (deferred_libraries)
    app.index_string = (app.index_string.replace("<html>", '<html lang="en-GB">')
                        .replace("<footer>", "<div>").replace("</footer>", "</div>")
                        .replace("{%config%}", defer_libraries(app) + "\n            {%config%}"))
    drop_polyfill()
    app.layout = shell(nav_pages, dash.page_container)
    navbar.register(app)  # the shell's own callbacks: the navbar's search and account link
    register_routes(app.server)
    init_accounts(app.server)  # sessions, /login, CSRF on every write, the admin from the environment
    init_sharing(app.server)  # interrupted publishes marked failed; passed embargoes published
    if os.environ.get("OBSERVATORY_PREWARM", "1") != "0":
        app.server.config["PDF_WARMING"] = _prewarm()
        _prerender_on_first_request(app.server)
    return app


def _prerender_on_first_request(server) -> None:
    """On the first request (the site's address is known only then), make the wards' evidence packs ahead in a
    low-priority child process, so the first pack a reader asks for after a start comes from the cache."""
    from flask import request

    from report import prerender

    @server.before_request
    def _once() -> None:
        prerender.start(request.host_url)


def _prewarm():
    """Load weasyprint and its fonts in the background, so the first evidence pack after a start is not the slow one;
    returns an Event set when that is done (/healthz says whether it is)."""
    import logging
    import threading

    done = threading.Event()

    def warm() -> None:
        try:
            from weasyprint import HTML

            HTML(string="<p style='font-family: DejaVu Sans'>warm</p>").write_pdf()
        except Exception:  # warming is only for speed: a failure costs the first pack some seconds, nothing else
            logging.getLogger(__name__).warning("evidence pack prewarm failed", exc_info=True)
        finally:
            done.set()

    threading.Thread(target=warm, name="pdf-prewarm", daemon=True).start()
    return done


if __name__ == "__main__":
    host, port = os.environ.get("HOST", "127.0.0.1"), int(os.environ.get("PORT", "8050"))
    main_app = create_app()
    if os.environ.get("OBSERVATORY_PREWARM", "1") != "0" and host in ("127.0.0.1", "localhost"):
        from report import prerender

        prerender.start(f"http://{host}:{port}/")  # the address known before any request: start at once
    main_app.run(host=host, port=port, debug=False)
