"""The progress page of a bulk job: its owner (or an admin) watches it end."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from .selectors import bulk_job_get_for_viewer, bulk_job_not_invited

# Seconds between reloads while the job is queued or running.
REFRESH_SECONDS = 2


@login_required
@require_http_methods(["GET"])
def job_detail(request, public_id):
    job = bulk_job_get_for_viewer(user=request.user, public_id=public_id)
    if job.is_resumable:  # the awards' bulk actions: their page is in the admin
        return redirect(job)
    context = {
        "job": job,
        "refresh": None if job.is_finished else REFRESH_SECONDS,
        "not_invited": bulk_job_not_invited(job=job) if job.is_finished else [],
    }
    return render(request, "jobs/job_detail.html", context)
