"""Admin pages beyond the model forms: revoke an award, see a learner's progress.
Each checks a permission, validates, calls one service. (Past completions are
imported from their own admin, ``enrollments/admin/past_completions.py``.)"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from .. import selectors
from ..forms import RevokeForm
from ..models import Award
from ..services import award_revoke
from ..services.evaluate_now import learner_evaluate_now

REVOKED = _("The award is revoked; its verification page now says so.")
EVALUATED_NOTHING_DUE = _(
    "Evaluated now: nothing is due today. What each credential still needs is "
    "listed below."
)
EVALUATED_AWARDED = _(
    "Evaluated now: %(awards)s awarded; the certificate documents are issued "
    "and emailed as soon as they are rendered."
)


def evaluated_message(awarded: list[Award]) -> str:
    if not awarded:
        return str(EVALUATED_NOTHING_DUE)
    names = ", ".join(str(award.program or award.unit) for award in awarded)
    return str(EVALUATED_AWARDED % {"awards": names})


def page_context(model_admin, request, title, **extra):
    """The admin chrome of a page of the awards admin, with ``extra``."""
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
    context = page_context(
        model_admin, request, _("Revoke %(award)s") % {"award": award}, award=award
    )
    return TemplateResponse(
        request, "admin/certificates/award/revoke.html", {**context, "form": form}
    )


def learner_progress_view(model_admin, request, user_id: int):
    """A learner's "why not yet"; its "Evaluate now" (POST) issues what is due."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    learner = get_object_or_404(get_user_model(), pk=user_id)
    if request.method == "POST":
        if not model_admin.has_change_permission(request):
            raise PermissionDenied
        awarded = learner_evaluate_now(actor=request.user, learner=learner)
        messages.success(request, evaluated_message(awarded))
        return redirect("admin:certificates_award_progress", learner.pk)
    context = page_context(
        model_admin,
        request,
        _("Progress of %(learner)s") % {"learner": learner},
        learner=learner,
        awards=selectors.awards_for(learner=learner),
        progress_reports=selectors.progress_reports_for(learner=learner),
        may_evaluate=model_admin.has_change_permission(request),
    )
    return TemplateResponse(request, "admin/certificates/award/progress.html", context)
