"""A requirement's new pass mark shows who it reaches before it is saved.

Registered from certificates over ``programs.admin.RequirementAdmin``, as the
rule preview is (``rule_preview``): the pass mark is read by the score rules that
name the requirement, so changing it changes those rules. A valid POST that
changes ``pass_score`` while a score rule reads it and some learner would gain or
lose eligibility renders the same preview as a rule change, the posted form
carried in hidden fields; its Save posts them again with ``CONFIRM``, the usual
admin save runs, and ``rule_change_apply`` records each rule's change and
evaluates who newly qualifies. The unit page's requirement rows refuse such a
change (``RequirementRowForm``, used by ``unit_rows``), linking here.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db import transaction
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core import clock
from programs.admin import RequirementAdmin
from programs.models import Requirement

from ..selectors.rule_changes import pass_mark_change_previews
from ..services.rule_changes import rule_change_apply

CONFIRM = "_confirm_pass_mark"
PREVIEW_TEMPLATE = "admin/programs/requirement/pass_mark_preview.html"
PASS_MARK_CHANGE = "changed by its requirement's new pass mark"  # noqa: S105 (no password)
PASS_MARK_ON_OWN_PAGE = _(
    "This new pass mark changes who qualifies for {credentials}: change it on "
    '<a href="{url}">the requirement\'s own page</a>, which first shows who '
    "would gain or lose eligibility."
)


def pass_mark_reach(requirement: Requirement, pass_score) -> list:
    """[(rule, preview)] of the score rules reading ``requirement``'s pass mark,
    when ``pass_score`` would change who qualifies for any, else []."""
    previews = pass_mark_change_previews(
        requirement=requirement, pass_score=pass_score, today=clock.today()
    )
    if any(result.changes_anyone for _rule, result in previews):
        return previews
    return []


class RequirementRowForm(forms.ModelForm):
    """A requirement row of the unit page: a pass mark that changes who
    qualifies is changed on the requirement's own page, with its preview."""

    def clean(self):
        cleaned = super().clean()
        saved = self.instance
        if (
            saved.pk is None
            or "pass_score" not in self.changed_data
            or "pass_score" not in cleaned
        ):
            return cleaned
        previews = pass_mark_reach(saved, cleaned["pass_score"])
        if previews:
            raise forms.ValidationError(
                format_html(
                    str(PASS_MARK_ON_OWN_PAGE),
                    credentials=", ".join(
                        str(result.credential) for _rule, result in previews
                    ),
                    url=reverse("admin:programs_requirement_change", args=[saved.pk]),
                )
            )
        return cleaned


class RequirementPassMarkAdmin(RequirementAdmin):
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        preview = self._preview(request, object_id)
        if preview is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        requirement, previews = preview
        if CONFIRM not in request.POST:
            return self._render_preview(request, requirement, previews)
        today = clock.today()
        with transaction.atomic():
            response = super().changeform_view(
                request, object_id, form_url, extra_context
            )
            if response.status_code == 302:  # saved
                for rule, result in previews:
                    rule_change_apply(
                        actor=request.user,
                        rule=rule,
                        preview=result,
                        today=today,
                        change=PASS_MARK_CHANGE,
                    )
        return response

    def _preview(self, request, object_id):
        """(requirement, [(rule, preview)]) for a valid POST that changes a saved
        requirement's pass mark in a way that reaches someone, else None (the
        admin's own handling)."""
        if request.method != "POST" or object_id is None:
            return None
        requirement = self.get_object(request, unquote(object_id))
        if requirement is None or not self.has_change_permission(request, requirement):
            return None
        form = self.get_form(request, requirement, change=True)(
            request.POST,
            request.FILES,
            instance=Requirement.objects.get(pk=requirement.pk),
        )
        if not form.is_valid() or "pass_score" not in form.changed_data:
            return None
        previews = pass_mark_reach(requirement, form.cleaned_data["pass_score"])
        return (requirement, previews) if previews else None

    def _render_preview(self, request, requirement, previews):
        posted = [
            (name, value)
            for name, values in request.POST.lists()
            if name != "csrfmiddlewaretoken"
            for value in values
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": requirement,
            "title": _("Preview the new pass mark of %(requirement)s")
            % {"requirement": requirement},
            "previews": [result for _rule, result in previews],
            "posted": posted,
            "confirm": CONFIRM,
            "back_url": reverse(
                "admin:programs_requirement_change", args=[requirement.pk]
            ),
        }
        return TemplateResponse(request, PREVIEW_TEMPLATE, context)


admin.site.register(Requirement, RequirementPassMarkAdmin)
