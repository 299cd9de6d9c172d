"""Facilitators' review queue and review page; admins' extensions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_portal_admin
from core.dates import format_date
from enrollments import selectors as enrollment_selectors
from enrollments.access import facilitated_offerings
from enrollments.services.extensions import (
    ExtensionRefused,
    deadline_for,
    extension_grant,
)
from programs.models import Requirement

from .. import selectors
from ..forms import DecisionForm, ExtensionForm, QueueFilterForm, RubricForm
from ..guards import latest_submitted
from ..messages import ReviewsRefused
from ..selectors import QueueState
from ..services.reviews import review_decide, review_score

REVIEW_SAVED = _("Your review of %(learner)s's version %(number)s is saved.")
EXTENSION_GRANTED = _("%(learner)s now has until %(date)s for %(requirement)s.")
QUEUE_PAGE_SIZE = 25


@login_required
def review_queue(request):
    """Submissions of the user's offerings, oldest first, filtered, with counts."""
    offering_ids = selectors.reviewable_offering_ids(user=request.user)
    if not offering_ids:
        raise Http404
    offerings = facilitated_offerings(user=request.user)
    form = QueueFilterForm(
        request.GET or None,
        offerings=offerings,
        requirements=selectors.reviewable_requirements(user=request.user),
    )
    chosen = form.cleaned_data if form.is_valid() else {}
    offering, requirement = chosen.get("offering"), chosen.get("requirement")
    state = chosen.get("state") or QueueState.PENDING
    filters = {
        "offering_ids": offering_ids,
        "offering_id": offering.pk if offering else None,
        "requirement_id": requirement.pk if requirement else None,
    }
    counts = selectors.review_queue_counts(**filters)
    page = selectors.review_queue_page(
        **filters,
        state=state,
        number=request.GET.get("page"),
        per_page=QUEUE_PAGE_SIZE,
        # The counts already hold this state's total: no second COUNT over the queue.
        count=counts[QueueState(state).value],
    )
    return render(
        request,
        "reviews/queue.html",
        {
            "form": form,
            "page": page,
            "state": QueueState(state),
            "counts": counts,
            "states": QueueState,
            "offerings": offerings,
        },
    )


def _review_form(requirement, review, data=None):
    if requirement.review_mode == Requirement.ReviewMode.RUBRIC:
        initial = None
        if review:
            initial = {"feedback": review.feedback}
            for score in review.criterion_scores.all():
                initial[f"points_{score.criterion_id}"] = score.points
                initial[f"feedback_{score.criterion_id}"] = score.feedback
        return RubricForm(
            data, criteria=requirement.rubric_criteria.all(), initial=initial
        )
    if requirement.review_mode == Requirement.ReviewMode.MET_NOT_MET:
        initial = None
        if review:
            initial = {"decision": review.decision, "feedback": review.feedback}
        return DecisionForm(data, initial=initial)
    return None


def _save(request, form, version):
    if isinstance(form, RubricForm):
        return review_score(
            reviewer=request.user,
            version=version,
            scores=form.scores(),
            feedback=form.cleaned_data["feedback"],
        )
    return review_decide(
        reviewer=request.user,
        version=version,
        decision=form.cleaned_data["decision"],
        feedback=form.cleaned_data["feedback"],
    )


@login_required
def review_page(request, pk):
    """The latest version with its history and earlier feedback, and the form."""
    submission = selectors.submission_get_for_reviewer(user=request.user, pk=pk)
    requirement = submission.requirement
    if request.method == "POST":
        # A decision needs only the version it decides: the history (artifacts,
        # comments, answers) is read when the page is shown again.
        latest = latest_submitted(submission)
        if latest is None:
            raise Http404
        form = _review_form(requirement, getattr(latest, "review", None), request.POST)
        if form is not None and form.is_valid():
            try:
                _save(request, form, latest)
            except ReviewsRefused as refusal:
                form.add_error("feedback", refusal.message)
            else:
                messages.success(
                    request,
                    REVIEW_SAVED
                    % {
                        "learner": submission.enrollment.learner,
                        "number": latest.number,
                    },
                )
                return redirect("reviews:queue")
    versions = [
        v
        for v in selectors.submission_versions(submission=submission)
        if not v.is_draft
    ]
    if not versions:
        raise Http404
    latest = versions[0]
    if request.method != "POST":
        form = _review_form(requirement, getattr(latest, "review", None))
    return render(
        request,
        "reviews/review.html",
        {
            "submission": submission,
            "requirement": requirement,
            "latest": latest,
            "versions": versions,
            "form": form,
            "deadline": deadline_for(
                enrollment=submission.enrollment, requirement=requirement
            ),
            "is_admin": is_portal_admin(request.user),
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
def extension_grant_page(request, enrollment_pk):
    """Admins record an individual extension of one requirement's deadline."""
    if not is_portal_admin(request.user):
        raise Http404
    enrollment = selectors.enrollment_get_for_admin(pk=enrollment_pk)
    requirements = enrollment_selectors.requirements_with_deadline(
        enrollment=enrollment
    )
    form = ExtensionForm(
        request.POST if request.method == "POST" else None,
        requirements=requirements,
        initial={"requirement": request.GET.get("requirement")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            extension = extension_grant(
                granted_by=request.user, enrollment=enrollment, **form.cleaned_data
            )
        except ExtensionRefused as refusal:
            form.add_error("new_deadline", refusal.message)
        else:
            messages.success(
                request,
                EXTENSION_GRANTED
                % {
                    "learner": enrollment.learner,
                    "date": format_date(extension.new_deadline),
                    "requirement": extension.requirement.title,
                },
            )
            return redirect("reviews:extension", enrollment_pk=enrollment.pk)
    return render(
        request,
        "reviews/extension.html",
        {
            "enrollment": enrollment,
            "form": form,
            "extensions": enrollment.extensions.select_related(
                "requirement", "granted_by"
            ),
        },
        status=400 if form.errors else 200,
    )
