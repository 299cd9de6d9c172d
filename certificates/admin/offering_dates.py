"""Changing an offering's dates in the admin first shows what the change does.

Registered from certificates over ``programs.admin.OfferingAdmin``, as the rule
preview is (``rule_preview``): a valid POST that changes a date renders the
preview with the posted form in hidden fields; its Save posts them again with
``CONFIRM``, the usual admin save runs, and ``offering_dates_apply`` audits the
change and re-evaluates the run's learners after commit.
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from programs.admin import OfferingAdmin
from programs.models import Offering
from programs.zones import offering_today

from ..selectors.offering_dates import DATE_FIELDS, offering_dates_preview
from ..services.offering_dates import offering_dates_apply

CONFIRM = "_confirm_offering_dates"
PREVIEW_TEMPLATE = "admin/programs/offering/dates_preview.html"


class OfferingDatesAdmin(OfferingAdmin):
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        preview = self._preview(request, object_id)
        if preview is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        offering, result = preview
        if CONFIRM not in request.POST:
            return self._render_preview(request, offering, result)
        with transaction.atomic():
            response = super().changeform_view(
                request, object_id, form_url, extra_context
            )
            if response.status_code == 302:  # saved
                offering_dates_apply(
                    actor=request.user, offering=offering, preview=result
                )
        return response

    def _preview(self, request, object_id):
        """(offering, preview) for a valid POST that changes a saved offering's
        dates, else None (the admin's own handling)."""
        if request.method != "POST" or object_id is None:
            return None
        offering = self.get_object(request, unquote(object_id))
        if offering is None or not self.has_change_permission(request, offering):
            return None
        form = self.get_form(request, offering, change=True)(
            request.POST, request.FILES, instance=Offering.objects.get(pk=offering.pk)
        )
        if not form.is_valid() or not set(DATE_FIELDS) & set(form.changed_data):
            return None
        proposed = {name: form.cleaned_data.get(name) for name in DATE_FIELDS}
        return offering, offering_dates_preview(
            saved=offering, proposed=proposed, today=offering_today(offering)
        )

    def _render_preview(self, request, offering, preview):
        posted = [
            (name, value)
            for name, values in request.POST.lists()
            if name != "csrfmiddlewaretoken"
            for value in values
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": offering,
            "title": _("Preview the new dates of %(offering)s")
            % {"offering": offering},
            "preview": preview,
            "posted": posted,
            "confirm": CONFIRM,
        }
        return TemplateResponse(request, PREVIEW_TEMPLATE, context)


admin.site.register(Offering, OfferingDatesAdmin)
