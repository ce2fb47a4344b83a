"""The shell's own callbacks: the navbar's area search and its account link, registered once by app.create_app
(never as a side effect of importing a page)."""

from __future__ import annotations

from dash import Dash, Input, Output, State

from components import ids, urls
from pages._search import navbar_go, navbar_results

# "Sign in", or the signed-in user's "Partner data", read from a cookie in the browser (no request, so public pages
# cost nothing more). obs_user is only for display (set at sign-in, removed at sign-out or when the session is found
# expired); every page and write checks the real session on the server.
ACCOUNT_JS = """
function(pathname) {
    var m = document.cookie.match(/(?:^|;\\s*)obs_user=([^;]*)/);
    if (!m) {
        var back = (pathname && pathname !== "LOGIN" && pathname !== "/") ? "?next=" + encodeURIComponent(pathname) : "";
        return ["Sign in", "LOGIN" + back];
    }
    var name = decodeURIComponent(m[1]).replace(/^"|"$/g, "");
    return ["Partner data (" + name + ")", "PARTNER"];
}
""".replace("LOGIN", urls.LOGIN).replace("PARTNER", urls.PARTNER)


def register(app: Dash) -> None:
    """Wire the navbar: matches as the person types, Enter opens the best one, and the account link."""
    app.callback(Output(ids.AREA_SEARCH_RESULTS, "children"), Input(ids.AREA_SEARCH, "value"))(navbar_results)
    app.callback(Output(ids.AREA_SEARCH + "-go", "href"), Output(ids.AREA_SEARCH, "value"),
                 Input(ids.AREA_SEARCH, "n_submit"), State(ids.AREA_SEARCH, "value"),
                 prevent_initial_call=True)(navbar_go)
    app.clientside_callback(ACCOUNT_JS, Output(ids.NAV_ACCOUNT, "children"), Output(ids.NAV_ACCOUNT, "href"),
                            Input(ids.URL, "pathname"))
