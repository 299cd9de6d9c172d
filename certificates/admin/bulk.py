"""The admin's bulk actions on awards: a filter, a confirm page with the count,
the job's progress page and its ZIP. Each view checks the permission, validates
and calls one service; the worker does the work (``services/bulk_run``)."""

from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from core import clock
from core.refusal import Refusal
from enrollments.jobs.models import BulkJob

from ..forms import AwardBulkForm
from ..selectors.bulk import award_bulk_job_get, awards_filtered, bulk_items_failed
from ..services.bulk import NO_AWARDS, award_bulk_start
from .views import page_context

# Seconds between reloads of a job's page while it runs.
REFRESH_SECONDS = 2
# Changing awards needs the change permission; a ZIP of their PDFs, the view one.
CHANGES = {BulkJob.Kind.AWARD_REVOKE, BulkJob.Kind.AWARD_RERENDER}


def _may(model_admin, request, kind: str) -> bool:
    if kind in CHANGES:
        return model_admin.has_change_permission(request)
    return model_admin.has_view_permission(request)


def award_bulk_view(model_admin, request):
    """GET: the filter. POST: the confirm page with the count; POST with
    ``confirm``: the job is started and its page shown."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    form = AwardBulkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        kind = form.cleaned_data["action"]
        if not _may(model_admin, request, kind):
            raise PermissionDenied
        award_filter = form.award_filter()
        if "confirm" in request.POST:
            try:
                job = award_bulk_start(
                    kind=kind,
                    award_filter=award_filter,
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except Refusal as refused:
                form.add_error(None, refused.message)
            else:
                return redirect(job)
        else:
            count = awards_filtered(award_filter=award_filter).count()
            if count:
                context = page_context(
                    model_admin,
                    request,
                    _("Confirm the bulk action"),
                    form=form,
                    count=count,
                    filter_words=award_filter.describe(),
                    action=dict(form.fields["action"].choices)[kind],
                )
                return TemplateResponse(
                    request, "admin/certificates/award/bulk_confirm.html", context
                )
            form.add_error(None, NO_AWARDS)
    context = page_context(model_admin, request, _("Bulk actions on awards"), form=form)
    return TemplateResponse(request, "admin/certificates/award/bulk.html", context)


def award_bulk_job_view(model_admin, request, public_id):
    """The job's progress: done of total, the awards that failed and why, and
    the ZIP once packed."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    job = award_bulk_job_get(public_id=public_id)
    context = page_context(
        model_admin,
        request,
        job.get_kind_display(),
        job=job,
        payload=job.payload.data,
        refresh=None if job.is_finished else REFRESH_SECONDS,
        failed=bulk_items_failed(job=job),
    )
    return TemplateResponse(request, "admin/certificates/award/bulk_job.html", context)


def award_bulk_zip_view(model_admin, request, public_id):
    """The finished job's ZIP, as an attachment."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    job = award_bulk_job_get(public_id=public_id)
    name = job.result.get("zip")
    if job.status != BulkJob.Status.SUCCEEDED or not name:
        raise Http404
    day = clock.local_day(job.created_at).isoformat()
    filename = f"awards-{day}-{str(job.public_id)[:8]}.zip"
    return FileResponse(
        default_storage.open(name, "rb"), as_attachment=True, filename=filename
    )
