"""Big static blocks (long lists, tables) drawn as ONE Dash component holding server-built HTML.

Dash draws every html.* component through React with its own wrappers: a catalogue of 223 entries or a profile's
70 table rows are thousands of components and seconds of main-thread work. The same markup as one string is
parsed by the browser in milliseconds. `static_html` converts an ordinary component tree (html.*, dcc.Link,
dbc.Table) to that string, every text and attribute escaped, so builders and their tests stay as they are.
The component itself is assets/02_static_html.js; links that were dcc.Link keep in-app navigation there.
"""

from __future__ import annotations

from collections.abc import Iterable

from dash.development.base_component import Component
from markupsafe import Markup, escape

# the elements that take no closing tag
VOID = {"area", "br", "col", "hr", "img", "input", "wbr"}
# React prop names that differ from their HTML attribute names
ATTR = {"className": "class", "htmlFor": "for", "tabIndex": "tabindex", "colSpan": "colspan", "rowSpan": "rowspan",
        "accessKey": "accesskey", "spellCheck": "spellcheck", "contentEditable": "contenteditable",
        "dateTime": "datetime", "srcSet": "srcset", "crossOrigin": "crossorigin", "referrerPolicy": "referrerpolicy"}
# Dash-only props that are not attributes
SKIP = {"children", "n_clicks", "n_clicks_timestamp", "disable_n_clicks", "key", "loading_state", "setProps"}


class StaticHtml(Component):
    """One element (`tag`, default div) whose content is `html`, already escaped by its builder (static_html)."""

    _children_props: list[str] = []
    _base_nodes: list[str] = []
    _namespace = "observatory_html"
    _type = "StaticHtml"

    def __init__(self, html: str = "", id=None, className=None, tag=None, role=None, **wildcards):  # noqa: A002
        self._prop_names = ["html", "id", "className", "tag", "role", "aria-*", "data-*"]
        self._valid_wildcard_attributes = ["aria-", "data-"]
        self.available_properties = list(self._prop_names)
        self.available_wildcard_properties = ["aria-", "data-"]
        props = {k: v for k, v in {"id": id, "className": className, "tag": tag, "role": role}.items() if v is not None}
        super().__init__(html=str(html), **props, **wildcards)


URL_ATTRS = {"href", "src"}


def _safe_url(url: str) -> bool:
    """A link or image address that is relative, http(s), mailto or a data: image; never javascript: or vbscript:."""
    scheme = "".join(url.split()).lower().partition(":")
    if not scheme[1] or "/" in scheme[0] or "?" in scheme[0] or "#" in scheme[0]:
        return True  # relative ('/area/E05015253', '?page=2', '#top')
    return scheme[0] in ("http", "https", "mailto") or (scheme[0] == "data" and scheme[2].startswith("image/"))


def _style(style: dict) -> str:
    """A React style dict as CSS text (camelCase names to kebab-case)."""
    def kebab(name: str) -> str:
        return "".join(f"-{c.lower()}" if c.isupper() else c for c in name)
    return "; ".join(f"{kebab(k)}: {v}" for k, v in style.items())


def _attrs(props: dict) -> str:
    out = []
    for name, value in props.items():
        if name in SKIP or value is None or value is False:
            continue
        attr = ATTR.get(name, name if name.startswith(("aria-", "data-")) else name.lower())
        if name == "style":
            value = _style(value)
        if attr in URL_ATTRS and not _safe_url(str(value)):
            continue  # Dash refuses javascript: links in html.A; a string drawn outside React must refuse them too
        if value is True:
            out.append(f" {attr}")
        else:
            out.append(f' {attr}="{escape(value)}"')
    return "".join(out)


def _table_classes(props: dict) -> str:
    """dbc.Table's classes, as dash-bootstrap-components writes them."""
    cls = ["table", props.get("className")]
    if props.get("size"):
        cls.append(f"table-{props['size']}")
    cls += [f"table-{k}" for k in ("bordered", "borderless", "striped", "hover", "dark") if props.get(k)]
    if props.get("color"):
        cls.append(f"table-{props['color']}")
    return " ".join(c for c in cls if c)


def to_html(node) -> Markup:
    """A component tree (html.*, dcc.Link, dbc.Table; strings and numbers) as escaped HTML."""
    if node is None or node is False:
        return Markup("")
    if isinstance(node, Markup):
        return node
    if isinstance(node, str | int | float):
        return escape(str(node))
    if isinstance(node, Iterable) and not isinstance(node, Component):
        return Markup("").join(to_html(n) for n in node)
    if not isinstance(node, Component):
        raise TypeError(f"static_html cannot draw {type(node).__name__}")
    props = {k: v for k, v in node.to_plotly_json()["props"].items()}
    children = to_html(props.get("children"))
    kind = (node._namespace, node._type)  # noqa: SLF001 - Dash's own identity of a component
    if node._namespace == "dash_html_components":  # noqa: SLF001
        tag = node._type.lower()  # noqa: SLF001
    elif kind == ("dash_core_components", "Link"):
        tag, props = "a", {**{k: v for k, v in props.items() if k != "refresh"}, "data-link": "page"}
    elif kind == ("dash_bootstrap_components", "Table"):
        keep = {k: v for k, v in props.items() if k in ("id", "style") or k.startswith(("aria-", "data-"))}
        table = Markup(f"<table{_attrs({**keep, 'className': _table_classes(props)})}>{children}</table>")
        responsive = props.get("responsive")
        if not responsive:
            return table
        suffix = "" if responsive is True else f"-{responsive}"
        return Markup(f'<div class="table-responsive{suffix}">') + table + Markup("</div>")
    else:
        raise TypeError(f"static_html cannot draw {node._namespace}.{node._type}")  # noqa: SLF001
    if tag == "img":  # each SVG image is a document of its own to the browser: make only those scrolled to
        props = {"loading": "lazy", "decoding": "async", **props}
    if tag in VOID:
        return Markup(f"<{tag}{_attrs(props)}>")
    return Markup(f"<{tag}{_attrs(props)}>") + children + Markup(f"</{tag}>")


def static_html(content, id=None, className=None, tag=None, **attrs) -> StaticHtml:  # noqa: A002
    """`content` (a component tree or a list of them) drawn as one component: a `tag` element (div by default)."""
    return StaticHtml(html=to_html(content), id=id, className=className, tag=tag, **attrs)
