"""Peer feedback pages: a learner reads a peer's shared project and comments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from enrollments.models import Enrollment

from .. import selectors
from ..forms import PeerCommentForm
from ..messages import ReviewsRefused
from ..services.peer import peer_comment_create

COMMENT_POSTED = _("Your comment is posted.")


@login_required
def peer_project(request, enrollment_pk, version_pk):
    enrollment = selectors.enrollment_get_for_learner(
        user=request.user, pk=enrollment_pk
    )
    if enrollment.status not in Enrollment.TAKING_PART:
        raise Http404
    version = selectors.peer_version_get(enrollment=enrollment, pk=version_pk)
    form = PeerCommentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            peer_comment_create(
                enrollment=enrollment, version=version, body=form.cleaned_data["body"]
            )
        except ReviewsRefused as refusal:
            form.add_error("body", refusal.message)
        else:
            messages.success(request, COMMENT_POSTED)
            return redirect(
                "reviews:peer_project",
                enrollment_pk=enrollment.pk,
                version_pk=version.pk,
            )
    history = selectors.submission_versions(submission=version.submission)
    shown = next(v for v in history if v.pk == version.pk)
    return render(
        request,
        "reviews/peer_project.html",
        {
            "enrollment": enrollment,
            "version": shown,
            "requirement": version.submission.requirement,
            "author": version.submission.enrollment.learner,
            "form": form,
        },
        status=400 if form.errors else 200,
    )
