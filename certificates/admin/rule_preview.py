"""The completion rule's change form shows who a change reaches before it is saved.

Registered from certificates (which may read programs, not the reverse) over
``programs.admin.CompletionRuleAdmin``: saving a changed rule first renders a
preview with the posted form carried in hidden fields; its Save button posts
them again with ``CONFIRM`` and the usual admin save runs, then
``rule_change_apply`` records the change and evaluates who newly qualifies.
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programs.admin import CompletionRuleAdmin
from programs.models import CompletionRule

from ..selectors.rule_changes import rule_change_preview
from ..services.rule_changes import rule_change_apply

CONFIRM = "_confirm_rule_change"
PREVIEW_TEMPLATE = "admin/programs/completionrule/preview.html"


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
        today = timezone.localdate()
        with transaction.atomic():
            response = super().changeform_view(
                request, object_id, form_url, extra_context
            )
            if response.status_code == 302:  # saved
                rule_change_apply(
                    actor=request.user, rule=rule, preview=result, today=today
                )
        return response

    def _preview(self, request, object_id):
        """(rule, preview) for a valid POST that changes a saved rule, else None
        (the admin's own handling: a GET, an addition, errors, nothing changed)."""
        if request.method != "POST" or object_id is None:
            return None
        rule = self.get_object(request, unquote(object_id))
        if rule is None or not self.has_change_permission(request, rule):
            return None
        form = self.get_form(request, rule, change=True)(
            request.POST, request.FILES, instance=rule
        )
        if not form.is_valid() or not form.has_changed():
            return None
        units = list(form.cleaned_data.get("units") or [])
        return rule, rule_change_preview(
            rule=form.instance, units=units, today=timezone.localdate()
        )

    def _render_preview(self, request, rule, preview):
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
            "title": _("Preview the change to %(rule)s") % {"rule": rule},
            "preview": preview,
            "posted": posted,
            "confirm": CONFIRM,
        }
        return TemplateResponse(request, PREVIEW_TEMPLATE, context)


admin.site.unregister(CompletionRule)
admin.site.register(CompletionRule, CompletionRulePreviewAdmin)
