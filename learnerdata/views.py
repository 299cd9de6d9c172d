"""The learner's data page: ask for a download of everything, watch it, fetch it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from core import clock
from core.refusal import Refusal

from . import selectors
from .services.exports import KEEP_DAYS, data_export_request

REQUESTED = _("Your download is being prepared. This page shows when it is ready.")
READY = _("Your download is ready.")
# Seconds between reloads while a download is being prepared.
REFRESH_SECONDS = 3


@login_required
@require_GET
def mine(request):
    today = clock.today()
    exports = selectors.data_exports_for(learner=request.user)
    live = any(export.is_live for export in exports)
    return render(
        request,
        "learnerdata/mine.html",
        {
            "exports": exports,
            "live": live,
            "refresh": REFRESH_SECONDS if live else None,
            "keep_days": KEEP_DAYS,
            "warnings": selectors.retention_warnings(learner=request.user, today=today),
        },
    )


@login_required
@require_POST
def request_export(request):
    try:
        export = data_export_request(learner=request.user)
    except Refusal as refusal:
        messages.error(request, refusal.message)
    else:
        # Without a broker the task ran in-process on commit: say what it left.
        export.refresh_from_db()
        ready = export.status == export.Status.READY
        messages.success(request, READY if ready else REQUESTED)
    return redirect("learnerdata:mine")


@login_required
@require_GET
def download(request, public_id):
    """The ZIP to its learner only; anyone else, or after it expired, 404."""
    export = selectors.data_export_get_for_owner(user=request.user, public_id=public_id)
    try:
        handle = export.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"my-data-{export.finished_at:%Y-%m-%d}.zip",
        content_type="application/zip",
    )
    response["Cache-Control"] = "private, no-store"
    return response
