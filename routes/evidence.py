"""An area's evidence pack as files: /area/<code>/evidence.pdf and /area/<code>/evidence.csv (?level=&benchmark=)."""

from __future__ import annotations

from flask import Blueprint, Response, request

from queries.errors import QueryError
from report import evidence
from report.profile import area_name, load_profile, parse_request

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
        req = parse_request(code, request.args.get("level"), request.args.get("benchmark"))
        pdf = evidence.cached_pdf(req, request.host_url)  # made before: no profile to build
        name = evidence.filename(req, "pdf", area_name(req.code, req.level))
        if pdf is None:
            profile = _profile(code)
            pdf, name = evidence.evidence_pdf(profile, request.host_url), evidence.filename(profile, "pdf")
    except QueryError as err:
        return _not_found(err)
    resp = Response(pdf, mimetype="application/pdf")
    resp.headers["Content-Disposition"] = f'inline; filename="{name}"'
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


def _custom():
    from report.custom_area import load_custom

    return load_custom(request.args.get("lsoa"), request.args.get("name"), request.args.get("benchmark"))


def _refused(err: QueryError) -> Response:
    return Response(f"This custom area cannot be made: {err}\nMake one at /make-area.\n", status=400,
                    mimetype="text/plain")


@blueprint.get("/area/custom/evidence.pdf")
def custom_evidence_pdf():
    """A custom area's PDF pack (?lsoa=CODE,CODE&name=&benchmark=; cached like any area's)."""
    try:
        profile = _custom()
    except QueryError as err:
        return _refused(err)
    resp = Response(evidence.evidence_pdf(profile, request.host_url), mimetype="application/pdf")
    resp.headers["Content-Disposition"] = f'inline; filename="{evidence.filename(profile, "pdf")}"'
    return resp


@blueprint.get("/area/custom/evidence.csv")
def custom_evidence_csv():
    """A custom area's pack as CSV, the same columns as any area's, headed by its LSOAs."""
    try:
        profile = _custom()
    except QueryError as err:
        return _refused(err)
    resp = Response(evidence.evidence_csv(profile, request.host_url), mimetype="text/csv")
    resp.headers["Content-Disposition"] = f'attachment; filename="{evidence.filename(profile, "csv")}"'
    return resp
