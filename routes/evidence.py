"""An area's evidence pack as files: /area/<code>/evidence.pdf and /area/<code>/evidence.csv (?level=&benchmark=)."""

from __future__ import annotations

from flask import Blueprint, Response, request

from queries.errors import QueryError
from report import evidence
from report.profile import load_profile

blueprint = Blueprint("evidence", __name__)


def _profile(code: str):
    return load_profile(code, request.args.get("level"), request.args.get("benchmark"))


def _not_found(err: QueryError) -> Response:
    return Response(f"No such area: {err}\nFind an area with the search box at /area/ or on any page.\n",
                    status=404, mimetype="text/plain")


@blueprint.get("/area/<code>/evidence.pdf")
def evidence_pdf(code: str):
    """The A4 PDF evidence pack (cached per store version, area, level and benchmark)."""
    try:
        profile = _profile(code)
    except QueryError as err:
        return _not_found(err)
    pdf = evidence.evidence_pdf(profile, request.host_url)
    resp = Response(pdf, mimetype="application/pdf")
    resp.headers["Content-Disposition"] = f'inline; filename="{evidence.filename(profile, "pdf")}"'
    resp.cache_control.public = True
    resp.cache_control.max_age = 3600
    return resp


@blueprint.get("/area/<code>/evidence.csv")
def evidence_csv(code: str):
    """The same content as CSV: '#' lines (summary, context, link, citation), then one row per indicator."""
    try:
        profile = _profile(code)
    except QueryError as err:
        return _not_found(err)
    resp = Response(evidence.evidence_csv(profile, request.host_url), mimetype="text/csv")
    resp.headers["Content-Disposition"] = f'attachment; filename="{evidence.filename(profile, "csv")}"'
    return resp
