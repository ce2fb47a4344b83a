"""A folded section (<details>) whose body is drawn only once it is first opened.

html.Details draws everything inside it even while folded: the impact page's four folded methods each held a
plotly chart, drawn (and plotly loaded) for nobody. This one draws its first child, the html.Summary, at once
and the rest on first opening; after that it stays drawn. The component itself is assets/03_lazy_details.js.
"""

from __future__ import annotations

from dash.development.base_component import Component


class LazyDetails(Component):
    """html.Details whose children after the first (the html.Summary) are drawn when it is first opened."""

    _children_props: list[str] = []
    _base_nodes = ["children"]
    _namespace = "observatory_html"
    _type = "LazyDetails"

    def __init__(self, children=None, id=None, className=None, open=None, **wildcards):  # noqa: A002
        self._prop_names = ["children", "id", "className", "open", "aria-*", "data-*"]
        self._valid_wildcard_attributes = ["aria-", "data-"]
        self.available_properties = list(self._prop_names)
        self.available_wildcard_properties = ["aria-", "data-"]
        props = {k: v for k, v in {"id": id, "className": className, "open": open}.items() if v is not None}
        super().__init__(children=children, **props, **wildcards)
