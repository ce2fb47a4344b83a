"""Signed-in downloads of partner batches: the original file and the rows as CSV (with source and licence)."""

from __future__ import annotations

from flask import Blueprint, Response, abort, send_file

from accounts import current_user, require_role
from analysis.disclosure import suppress
from components.csv_out import csv_text
from queries import QueryError, indicator
from queries.partner import partner_batch_rows
from sharing.batches import Batch, BatchError, batch_indicator, get_batch
from sharing.filenames import safe_filename
from sharing.visibility import can_view

blueprint = Blueprint("partner_files", __name__)


def _visible_batch(batch_id: str) -> Batch:
    """The batch if the signed-in user may see it; 404 otherwise (never confirming another's batch exists)."""
    try:
        batch = get_batch(batch_id)
    except BatchError:
        abort(404, description="No such batch.")
    if not can_view(current_user(), batch):
        abort(404, description="No such batch.")
    return batch


def _licence(batch: Batch) -> str:
    meta = batch_indicator(batch)
    if meta and meta.get("licence"):
        return meta["licence"]
    try:
        return "; ".join(sorted({indicator(i)["licence"] for i in batch.indicator_ids}))
    except (QueryError, KeyError):
        return "not stated"


@blueprint.get("/partner/batches/<batch_id>/original")
@require_role("viewer", "partner", "admin")
def original(batch_id: str):
    """The file exactly as uploaded (always a download, never rendered: it is untrusted content)."""
    batch = _visible_batch(batch_id)
    response = send_file(batch.original_path, as_attachment=True, download_name=safe_filename(batch.filename),
                         mimetype="application/octet-stream", max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


@blueprint.get("/partner/batches/<batch_id>/rows.csv")
@require_role("viewer", "partner", "admin")
def rows_csv(batch_id: str):
    """The batch's rows as uploaded, each marked with whether the public sees it, after lines naming the source,
    licence and who may see it."""
    batch = _visible_batch(batch_id)
    rows = partner_batch_rows(batch.folder)
    shown = suppress(rows, batch.suppress_below, value_is_count=batch.value_type == "count")
    rows["suppressed_in_public"] = shown["suppressed"]
    head = [f"Source: {batch.organisation}, partner batch {batch.batch_id} (file {batch.filename}, "
            f"SHA-256 {batch.sha256}), uploaded {batch.uploaded_at} by {batch.uploaded_by}",
            f"Licence: {_licence(batch)}",
            f"Visibility: {batch.visibility}" + (f" from {batch.embargo}" if batch.embargo else "")
            + ("" if batch.visibility == "public" else " - not for publication"),
            f"Values as uploaded; counts under {batch.suppress_below} are suppressed in anything public "
            "(suppressed_in_public)", "Trafford Data Observatory"]
    # one line each (a name with a line break cannot split a header line), formulas neutralised
    return Response(csv_text(rows, head), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{batch.batch_id}-rows.csv"',
        "Cache-Control": "private, no-store"})
