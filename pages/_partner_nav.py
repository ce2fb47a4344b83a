"""The navbar's account link: "Sign in", or the signed-in user's "Partner data", read from a cookie in the browser
(no request, so public pages cost nothing more)."""

from __future__ import annotations

from dash import Input, Output, clientside_callback

from components import ids

NAV_ACCOUNT = "nav-account"

# obs_user is only for display (set at sign-in, removed at sign-out or when the session is found expired);
# every page and write checks the real session on the server
clientside_callback(
    """
    function(pathname) {
        var m = document.cookie.match(/(?:^|;\\s*)obs_user=([^;]*)/);
        if (!m) {
            var back = (pathname && pathname !== "/login" && pathname !== "/") ? "?next=" + encodeURIComponent(pathname) : "";
            return ["Sign in", "/login" + back];
        }
        var name = decodeURIComponent(m[1]).replace(/^"|"$/g, "");
        return ["Partner data (" + name + ")", "/partner"];
    }
    """,
    Output(NAV_ACCOUNT, "children"),
    Output(NAV_ACCOUNT, "href"),
    Input(ids.URL, "pathname"),
)
