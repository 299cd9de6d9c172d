"""The completion rule's admin shows who a change reaches before it is saved.

Registered from certificates (which may read programs, not the reverse) over
``programs.admin.CompletionRuleAdmin``: saving a changed or new rule, or
deleting one, first renders a preview with the posted form carried in hidden
fields; its button posts them again with ``CONFIRM`` and the usual admin save
(or deletion) runs, then ``rule_change_apply`` records the change and evaluates
who newly qualifies. The program and unit pages list their rules read-only and
link here, so every addition goes through this preview.
"""

import datetime as dt

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db import transaction
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import clock
from programs.admin import CompletionRuleAdmin
from programs.models import CompletionRule
from programs.zones import provider_today

from ..selectors.rule_changes import (
    rule_addition_preview,
    rule_change_preview,
    rule_deletion_preview,
)
from ..services.rule_changes import rule_change_apply

CONFIRM = "_confirm_rule_change"
PREVIEW_TEMPLATE = "admin/programs/completionrule/preview.html"
SAVED_RULE = "completion_rule_saved"  # set on the request by ``save_model``


class CompletionRulePreviewAdmin(CompletionRuleAdmin):
    def get_readonly_fields(self, request, obj=None):
        """A saved rule stays with its credential (the preview compares one
        credential's rules); to move it, add it to the other and delete it here."""
        owner = ["program", "unit"] if obj is not None else []
        return [*super().get_readonly_fields(request, obj), *owner]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        preview = self._preview(request, object_id)
        if preview is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        rule, result = preview
        if CONFIRM not in request.POST:
            return self._render_preview(request, rule, result)
        today = _provider_today(rule)
        with transaction.atomic():
            response = super().changeform_view(
                request, object_id, form_url, extra_context
            )
            if response.status_code == 302:  # saved
                rule_change_apply(
                    actor=request.user,
                    # the one the admin saved (an addition's own instance)
                    rule=getattr(request, SAVED_RULE, rule),
                    preview=result,
                    today=today,
                    change="changed" if object_id else "added",
                )
        return response

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        setattr(request, SAVED_RULE, obj)

    def delete_view(self, request, object_id, extra_context=None):
        """Django's confirmation page, then the preview, then the deletion."""
        rule = self.get_object(request, unquote(object_id))
        if (
            request.method != "POST"
            or "post" not in request.POST
            or rule is None
            or not self.has_delete_permission(request, rule)
        ):
            return super().delete_view(request, object_id, extra_context)
        today = _provider_today(rule)
        result = rule_deletion_preview(rule=rule, today=today)
        if CONFIRM not in request.POST:
            return self._render_preview(request, rule, result, deleting=True)
        with transaction.atomic():
            response = super().delete_view(request, object_id, extra_context)
            if response.status_code == 302:  # deleted
                rule_change_apply(
                    actor=request.user,
                    rule=rule,
                    preview=result,
                    today=today,
                    change="deleted",
                )
        return response

    def _preview(self, request, object_id):
        """(rule, preview) for a valid POST that adds a rule or changes a saved
        one, else None (the admin's own handling: a GET, errors, nothing changed)."""
        if request.method != "POST":
            return None
        rule = None
        if object_id is not None:
            rule = self.get_object(request, unquote(object_id))
            if rule is None or not self.has_change_permission(request, rule):
                return None
        elif not self.has_add_permission(request):
            return None
        form = self.get_form(request, rule, change=rule is not None)(
            request.POST, request.FILES, instance=rule
        )
        if not form.is_valid() or (rule is not None and not form.has_changed()):
            return None
        units = list(form.cleaned_data.get("units") or [])
        preview = rule_addition_preview if rule is None else rule_change_preview
        return form.instance, preview(
            rule=form.instance, units=units, today=_provider_today(form.instance)
        )

    def _render_preview(self, request, rule, preview, *, deleting=False):
        posted = [
            (name, value)
            for name, values in request.POST.lists()
            if name != "csrfmiddlewaretoken"
            for value in values
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": rule,
            "title": (
                _("Preview deleting %(rule)s")
                if deleting
                else _("Preview the change to %(rule)s")
                if rule.pk
                else _("Preview adding %(rule)s")
            )
            % {"rule": rule},
            "deleting": deleting,
            "preview": preview,
            "posted": posted,
            "confirm": CONFIRM,
            "back_url": _owner_url(rule),
        }
        return TemplateResponse(request, PREVIEW_TEMPLATE, context)


def _owner_url(rule) -> str:
    """The admin page of the unit or program the rule belongs to: "Back" returns
    where the admin came from (its "Add a rule" link, or its rule's link)."""
    owner = rule.unit or rule.program
    if owner is None:
        return reverse("admin:programs_completionrule_changelist")
    return reverse(f"admin:programs_{owner._meta.model_name}_change", args=[owner.pk])


admin.site.register(CompletionRule, CompletionRulePreviewAdmin)


def _provider_today(rule) -> dt.date:
    """The day of the provider whose credential the rule belongs to."""
    owner = rule.unit if rule.unit_id else rule.program if rule.program_id else None
    return provider_today(owner.provider) if owner else clock.today()
