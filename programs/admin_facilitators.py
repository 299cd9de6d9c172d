"""The offering's facilitator picker: a searchable list of facilitators only (not
every account), each shown with name and email, for the offering's page and the
unit page's offering rows."""

from django import forms
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from accounts.selectors import facilitators_all

URL_NAME = "programs_offering_facilitator_autocomplete"


def facilitator_label(user) -> str:
    if user.display_name == user.email:
        return user.email
    return f"{user.display_name} ({user.email})"


class FacilitatorAutocompleteView(AutocompleteJsonView):
    """The admin's autocomplete (search on the user admin's fields, its
    permissions), narrowed to facilitators and labelled with name and email."""

    def get_queryset(self):
        return super().get_queryset().filter(pk__in=facilitators_all().values("pk"))

    def serialize_result(self, obj, to_field_name):
        return {"id": str(getattr(obj, to_field_name)), "text": facilitator_label(obj)}


class FacilitatorsWidget(AutocompleteSelectMultiple):
    def get_url(self):
        return reverse(f"{self.admin_site.name}:{URL_NAME}")


class FacilitatorsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return facilitator_label(obj)


def facilitator_autocomplete_urls(admin_site) -> list:
    view = FacilitatorAutocompleteView.as_view(admin_site=admin_site)
    return [
        path(
            "facilitators/autocomplete/",
            admin_site.admin_view(view),
            name=URL_NAME,
        )
    ]


class FacilitatorPickerMixin:
    """For an offering's form (its own admin or an inline): the facilitators
    field picks among facilitators, searched as one types."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name != "facilitators":
            return super().formfield_for_manytomany(db_field, request, **kwargs)
        return FacilitatorsField(
            queryset=facilitators_all(),
            widget=FacilitatorsWidget(db_field, self.admin_site),
            required=False,
            label=_("Facilitators"),
            help_text=_(
                "People holding the facilitator role: type a name or email. They "
                "review this run's submissions and take its attendance."
            ),
        )
