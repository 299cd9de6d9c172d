"""Changing an offering's dates in the admin first shows what the change does.

Registered from certificates over ``programs.admin.OfferingAdmin``, as the rule
preview is (``rule_preview``): a valid POST that changes a date renders the
preview with the posted form in hidden fields; its Save posts them again with
``CONFIRM``, the usual admin save runs, and ``offering_dates_apply`` audits the
change and re-evaluates the run's learners after commit.

The unit page's offering rows follow the same rule (``OfferingRowForm``, used by
``unit_rows``): a change of dates of a run with learners (``offering_dates_preview``
compares them) is refused there, with a link to the run's own page and its preview.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db import transaction
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

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


def dates_on_own_page(offering: Offering, learners: int) -> str:
    """The unit page's refusal to move the dates of a run with learners."""
    url = reverse("admin:programs_offering_change", args=[offering.pk])
    return format_html(
        ngettext(
            "{offering} has {count} learner: change its dates on "
            '<a href="{url}">its own page</a>, which first shows what the change '
            "does to their awards and deadlines.",
            "{offering} has {count} learners: change its dates on "
            '<a href="{url}">its own page</a>, which first shows what the change '
            "does to their awards and deadlines.",
            learners,
        ),
        offering=offering,
        count=learners,
        url=url,
    )


class OfferingRowForm(forms.ModelForm):
    """An offering row of the unit page: new runs and runs without learners take
    their dates here; a run with learners moves them on its own page."""

    def clean(self):
        cleaned = super().clean()
        saved = self.instance
        changed = set(DATE_FIELDS) & set(self.changed_data)
        if saved.pk is None or not changed or not changed <= set(cleaned):
            return cleaned
        offering = Offering.objects.select_related("unit__provider").get(pk=saved.pk)
        preview = offering_dates_preview(
            saved=offering,
            proposed={name: cleaned[name] for name in changed},
            today=offering_today(offering),
        )
        if preview.learners_compared:
            raise forms.ValidationError(
                dates_on_own_page(saved, preview.learners_compared)
            )
        return cleaned


admin.site.register(Offering, OfferingDatesAdmin)
