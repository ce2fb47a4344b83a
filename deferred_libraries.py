"""Component libraries the shell loads only when a page draws with them (the map: dash-leaflet)."""

from __future__ import annotations

import importlib
import json
import os

from dash.fingerprint import build_fingerprint

# Libraries most pages never draw with: their bundles are left out of every page's <script> tags and fetched
# by assets/01_deferred_libraries.js the first time a component of theirs renders.
DEFERRED = ("dash_leaflet", "dash_extensions")


def _main_bundle(namespace: str) -> dict:
    """The library's main bundle among its resources (async chunks and source maps load on demand anyway)."""
    module = importlib.import_module(namespace)
    main = [r for r in module._js_dist  # noqa: SLF001 - Dash's own resource list, read as Dash reads it
            if not r.get("async") and str(r.get("relative_package_path", "")).endswith(".js")]
    if len(main) != 1:
        raise RuntimeError(f"{namespace}: expected one main bundle, found {len(main)}")
    return main[0]


def _bundle_url(prefix: str, namespace: str, resource: dict) -> str:
    """The fingerprinted URL Dash itself would have written, so browsers cache it the same way."""
    module = importlib.import_module(namespace)
    path = resource["relative_package_path"]
    modified = int(os.stat(os.path.join(os.path.dirname(module.__file__), path)).st_mtime)
    return f"{prefix}_dash-component-suites/{namespace}/{build_fingerprint(path, module.__version__, modified)}"


def defer_libraries(app, namespaces: tuple[str, ...] = DEFERRED) -> str:
    """Mark each library's bundle dynamic (served, never a <script> tag); return a JSON block naming their URLs.

    Dash still registers a dynamic resource's path when it renders the index, so the URL stays servable.
    """
    urls = {}
    for namespace in namespaces:
        resource = _main_bundle(namespace)
        resource.pop("async", None)  # Dash refuses a resource with both keys, even "async": False
        resource["dynamic"] = True
        urls[namespace] = _bundle_url(app.config.requests_pathname_prefix, namespace, resource)
    # data, not code: nothing inline runs, so a strict Content-Security-Policy stays possible
    data = json.dumps(urls).replace("</", "<\\/")
    return f'<script type="application/json" id="obs-deferred-libraries">{data}</script>'


def drop_polyfill() -> None:
    """Leave Dash's @babel/polyfill (core-js 2, 99 KB) out of every page.

    It brings nothing the browsers the observatory supports lack, and evaluating it was 90-170 ms of blocking
    time on every cold load. The one global Dash's bundles still need from it, regeneratorRuntime (their lazy
    loaders), is set by dash-bootstrap-components' own copy, which every page loads with the shell's navbar.
    """
    from dash import _dash_renderer

    for dependency in _dash_renderer._js_dist_dependencies:  # noqa: SLF001 - Dash's own resource list
        for where in ("external_url", "relative_package_path"):
            for mode, paths in dependency.get(where, {}).items():
                dependency[where][mode] = [p for p in paths if "polyfill" not in p]
