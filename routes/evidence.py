"""An area's evidence pack as files: /area/<code>/evidence.pdf and /area/<code>/evidence.csv (?level=&benchmark=)."""

from __future__ import annotations

from flask import Blueprint, Response, request

from components import urls
from queries.errors import QueryError
from report import evidence
from report.profile import area_name, build_profile, parse_request

blueprint = Blueprint("evidence", __name__)
FILES = {"pdf": ("application/pdf", "inline"), "csv": ("text/csv", "attachment")}  # ext -> (mimetype, disposition)


class Refused(Exception):
    """A pack asked with a level or benchmark it cannot have: a file is not made with a silent substitute."""


def _request(code: str, ext: str):
    req = parse_request(code, request.args.get("level"), request.args.get("benchmark"))
    if req.notices:  # the page shows these as notices; a file has nowhere a reader would see them
        raise Refused(_refusal(req.notices, urls.evidence_url(req.code, ext, **req.params())))
    return req


def _profile(code: str, ext: str):
    return build_profile(_request(code, ext))


def _refusal(notices: list[str], fixed: str) -> str:
    problems = "; ".join(n.split(":")[0] for n in notices)  # the problem, without what the page then shows
    return (f"This evidence pack was not made: {problems}. Benchmarks are england, la (trafford) and "
            f"combined_authority (gm). The pack as it can be made: {fixed}\n")


def _bad_request(err: Refused) -> Response:
    return Response(str(err), status=400, mimetype="text/plain")


def _not_found(err: QueryError) -> Response:
    return Response(f"No such area: {err}\nFind an area with the search box at /area/ or on any page.\n",
                    status=404, mimetype="text/plain")


@blueprint.get("/area/<code>/evidence.pdf")
def evidence_pdf(code: str):
    """The A4 PDF evidence pack (cached per store version, area, level and benchmark)."""
    try:
        req = _request(code, "pdf")
        pdf = evidence.cached_pdf(req, request.host_url)  # made before: no profile to build
        name = evidence.filename(req, "pdf", area_name(req.code, req.level))
        if pdf is None:
            profile = build_profile(req)
            pdf, name = evidence.evidence_pdf(profile, request.host_url), evidence.filename(profile, "pdf")
    except QueryError as err:
        return _not_found(err)
    except Refused as err:
        return _bad_request(err)
    resp = _file(pdf, name, "pdf")
    resp.cache_control.public = True
    resp.cache_control.max_age = 3600
    return resp


@blueprint.get("/area/<code>/evidence.csv")
def evidence_csv(code: str):
    """The same content as CSV: '#' lines (summary, context, link, citation), then one row per indicator."""
    return _pack("csv", lambda: _profile(code, "csv"), _not_found)


def _custom(ext: str):
    from report.custom_area import _benchmark, custom_params, load_custom

    bench, notices = _benchmark(request.args.get("benchmark"))
    if notices:
        codes = [c for c in (request.args.get("lsoa") or "").split(",") if c]
        raise Refused(_refusal(notices, urls.evidence_url(
            "custom", ext, **custom_params(codes, request.args.get("name") or "", bench))))
    return load_custom(request.args.get("lsoa"), request.args.get("name"), request.args.get("benchmark"))


def _refused(err: QueryError) -> Response:
    return Response(f"This custom area cannot be made: {err}\nMake one at {urls.make_area_url()}.\n", status=400,
                    mimetype="text/plain")


@blueprint.get("/area/custom/evidence.pdf")
def custom_evidence_pdf():
    """A custom area's PDF pack (?lsoa=CODE,CODE&name=&benchmark=; cached like any area's)."""
    return _pack("pdf", lambda: _custom("pdf"), _refused)


@blueprint.get("/area/custom/evidence.csv")
def custom_evidence_csv():
    """A custom area's pack as CSV, the same columns as any area's, headed by its LSOAs."""
    return _pack("csv", lambda: _custom("csv"), _refused)


def _pack(ext: str, load, unknown) -> Response:
    """The pack of the profile `load()` builds as a file; `unknown(err)` answers a QueryError, a Refused is a 400."""
    try:
        profile = load()
    except QueryError as err:
        return unknown(err)
    except Refused as err:
        return _bad_request(err)
    make = evidence.evidence_pdf if ext == "pdf" else evidence.evidence_csv
    return _file(make(profile, request.host_url), evidence.filename(profile, ext), ext)


def _file(body, name: str, ext: str) -> Response:
    """A PDF shown in the browser, or a CSV saved, under its file name."""
    mimetype, disposition = FILES[ext]
    resp = Response(body, mimetype=mimetype)
    resp.headers["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return resp
