"""Admin pages beyond the model forms: revoke an award, see a learner's progress,
import past completions (a job: the page of its progress follows). Each checks a
permission, validates, calls one service."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enrollments.services.past_completions import past_completion_rows_read
from jobs.services import past_completion_import_start

from .. import selectors
from ..forms import PastCompletionImportForm, RevokeForm
from ..models import Award
from ..services import award_revoke

REVOKED = _("The award is revoked; its verification page now says so.")
NOTHING_IMPORTED = _("Nothing was imported: correct these lines and try again.")


def _context(model_admin, request, title, **extra):
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": title,
        **extra,
    }


def award_revoke_view(model_admin, request, pk: int):
    award = get_object_or_404(Award.objects.select_related("learner"), pk=pk)
    if not model_admin.has_change_permission(request, award):
        raise PermissionDenied
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            award_revoke(
                award=award, reason=form.cleaned_data["reason"], actor=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, REVOKED)
            return redirect("admin:certificates_award_change", award.pk)
    context = _context(
        model_admin, request, _("Revoke %(award)s") % {"award": award}, award=award
    )
    return TemplateResponse(
        request, "admin/certificates/award/revoke.html", {**context, "form": form}
    )


def learner_progress_view(model_admin, request, user_id: int):
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    learner = get_object_or_404(get_user_model(), pk=user_id)
    context = _context(
        model_admin,
        request,
        _("Progress of %(learner)s") % {"learner": learner},
        learner=learner,
        awards=selectors.awards_for(learner=learner),
        progress_reports=selectors.progress_reports_for(learner=learner),
    )
    return TemplateResponse(request, "admin/certificates/award/progress.html", context)


def past_completions_import_view(model_admin, request):
    if not request.user.has_perm("enrollments.add_pastcompletion"):
        raise PermissionDenied
    form = PastCompletionImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        # Every line is checked here, so the admin corrects the file at once; the
        # worker's job checks them again and writes them all or none.
        today, text = timezone.localdate(), form.cleaned_data["text"]
        rows, errors = past_completion_rows_read(text=text, today=today)
        if not errors:
            job = past_completion_import_start(
                text=text, rows=len(rows), imported_by=request.user, today=today
            )
            return redirect(job)
        messages.error(request, NOTHING_IMPORTED)
    context = _context(
        model_admin, request, _("Import past completions"), form=form, errors=errors
    )
    return TemplateResponse(
        request, "admin/certificates/award/import_past_completions.html", context
    )
