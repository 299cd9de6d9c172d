"""A learner's requirements, drafts, artifacts, submissions and checklists."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from programs.models import Requirement
from programs.zones import offering_today

from .. import selectors
from ..forms import ArtifactForm, ChecklistForm, DraftForm
from ..messages import ReviewsRefused
from ..models import Artifact, Review
from ..services.checklist import checklist_submit
from ..services.submissions import (
    artifact_add,
    artifact_remove,
    draft_save,
    submission_submit,
)

DRAFT_SAVED = _("Your draft is saved.")
SUBMITTED = _("Version %(number)s is submitted.")
ARTIFACT_ADDED = _("“%(title)s” is added to your draft.")
ARTIFACT_REMOVED = _("“%(title)s” is removed from your draft.")
NOTHING_SAVED = _("Nothing was saved.")
FIX_BELOW = _("Nothing was saved. Please correct the errors below.")


def _learner_objects(request, enrollment_pk, requirement_pk):
    enrollment = selectors.enrollment_get_for_learner(
        user=request.user, pk=enrollment_pk
    )
    requirement = selectors.requirement_get_for_enrollment(
        enrollment=enrollment, pk=requirement_pk
    )
    return enrollment, requirement


@login_required
def requirement_list(request, enrollment_pk):
    enrollment = selectors.enrollment_get_for_learner(
        user=request.user, pk=enrollment_pk
    )
    today = offering_today(enrollment.offering)
    rows = selectors.enrollment_requirement_rows(enrollment=enrollment, today=today)
    return render(
        request,
        "reviews/requirement_list.html",
        {"enrollment": enrollment, "rows": rows, "today": today},
    )


def _render(request, enrollment, requirement, *, status=200, **forms):
    today = offering_today(enrollment.offering)
    context = selectors.requirement_page(
        enrollment=enrollment, requirement=requirement, today=today
    )
    # A revision starts from the latest version, as the draft service does.
    start = context["draft"] or context["latest"]
    if requirement.kind == Requirement.Kind.CHECKLIST:
        forms.setdefault(
            "checklist_form", ChecklistForm(questions=context["questions"])
        )
    forms.setdefault(
        "draft_form",
        DraftForm(
            requirement=requirement,
            initial={"text": start.text, "link": start.link} if start else None,
        ),
    )
    forms.setdefault("artifact_form", ArtifactForm(requirement=requirement))
    return render(
        request,
        "reviews/requirement.html",
        {
            **context,
            **forms,
            "enrollment": enrollment,
            "requirement": requirement,
            "today": today,
        },
        status=status,
    )


@login_required
def requirement_detail(request, enrollment_pk, requirement_pk):
    enrollment, requirement = _learner_objects(request, enrollment_pk, requirement_pk)
    return _render(request, enrollment, requirement)


def _back(enrollment, requirement):
    return redirect(
        "reviews:requirement",
        enrollment_pk=enrollment.pk,
        requirement_pk=requirement.pk,
    )


@login_required
@require_POST
def draft_post(request, enrollment_pk, requirement_pk):
    """Save the draft; with the Submit button, then submit it."""
    enrollment, requirement = _learner_objects(request, enrollment_pk, requirement_pk)
    form = DraftForm(request.POST, requirement=requirement)
    if not form.is_valid():
        messages.error(request, FIX_BELOW)
        return _render(request, enrollment, requirement, draft_form=form, status=400)
    try:
        draft_save(
            enrollment=enrollment,
            requirement=requirement,
            text=form.cleaned_data.get("text", ""),
            link=form.cleaned_data.get("link", ""),
        )
        if "submit" in request.POST:
            version = submission_submit(enrollment=enrollment, requirement=requirement)
            messages.success(request, SUBMITTED % {"number": version.number})
        else:
            messages.success(request, DRAFT_SAVED)
    except ReviewsRefused as refusal:
        messages.error(request, refusal.message)
    return _back(enrollment, requirement)


@login_required
@require_POST
def artifact_post(request, enrollment_pk, requirement_pk):
    enrollment, requirement = _learner_objects(request, enrollment_pk, requirement_pk)
    form = ArtifactForm(request.POST, request.FILES, requirement=requirement)
    if form.is_valid():
        try:
            artifact = artifact_add(
                enrollment=enrollment,
                requirement=requirement,
                title=form.cleaned_data.get("title", ""),
                upload=form.cleaned_data.get("file"),
                link=form.cleaned_data.get("link", ""),
                reflection=form.cleaned_data.get("reflection", ""),
                standards=form.cleaned_data.get("standards", []),
            )
        except ReviewsRefused as refusal:
            if refusal.field not in form.fields:
                # Not about one field (a full portfolio, a closed window): say it
                # where the learner looks first.
                messages.error(request, f"{NOTHING_SAVED} {refusal.message}")
                return _render(
                    request, enrollment, requirement, artifact_form=form, status=400
                )
            form.add_error(refusal.field, refusal.message)
        else:
            messages.success(request, ARTIFACT_ADDED % {"title": artifact.title})
            return _back(enrollment, requirement)
    messages.error(request, FIX_BELOW)
    return _render(request, enrollment, requirement, artifact_form=form, status=400)


@login_required
@require_POST
def artifact_remove_post(request, enrollment_pk, requirement_pk, uuid):
    enrollment, requirement = _learner_objects(request, enrollment_pk, requirement_pk)
    artifact = get_object_or_404(
        Artifact,
        uuid=uuid,
        version__submission__enrollment=enrollment,
        version__submission__requirement=requirement,
    )
    try:
        artifact_remove(enrollment=enrollment, artifact=artifact)
        messages.success(request, ARTIFACT_REMOVED % {"title": artifact.title})
    except ReviewsRefused as refusal:
        messages.error(request, refusal.message)
    return _back(enrollment, requirement)


@login_required
@require_POST
def checklist_post(request, enrollment_pk, requirement_pk):
    enrollment, requirement = _learner_objects(request, enrollment_pk, requirement_pk)
    questions = selectors.checklist_questions(requirement=requirement)
    form = ChecklistForm(request.POST, questions=questions)
    if form.is_valid():
        try:
            review = checklist_submit(
                enrollment=enrollment,
                requirement=requirement,
                answers=form.answers(),
            )
        except ReviewsRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            level = (
                messages.SUCCESS
                if review.decision == Review.Decision.MET
                else messages.WARNING
            )
            messages.add_message(request, level, review.feedback.splitlines()[0])
            return _back(enrollment, requirement)
    return _render(request, enrollment, requirement, checklist_form=form, status=400)
