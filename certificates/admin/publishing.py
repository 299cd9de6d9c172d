"""The program's admin page shows what it needs before it is published, and
refuses to publish it while anything is missing.

Registered from certificates (the checklist reads the outputs, certificates'
own) over ``programs.admin.CredentialProgramAdmin``. A program already
published stays editable whatever the checklist says: only the step from hidden
to public is checked.
"""

from django import forms
from django.contrib import admin
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from programs.admin import CredentialProgramAdmin
from programs.models import CredentialProgram

from ..selectors.publishing import program_checklist, program_publish_missing

PUBLISH_REFUSED = _("The program cannot be published yet: %(missing)s.")
PUBLISH_NEW_REFUSED = _(
    "Save the program unpublished first, add its units, offerings, prices, rules "
    "and outputs, then publish it once the checklist passes."
)


class ProgramPublishForm(forms.ModelForm):
    def clean_is_published(self):
        publishing = self.cleaned_data["is_published"]
        program = self.instance
        if not publishing or (program.pk and self.initial.get("is_published")):
            return publishing
        if program.pk is None:
            raise forms.ValidationError(PUBLISH_NEW_REFUSED)
        missing = program_publish_missing(program=program)
        if missing:
            raise forms.ValidationError(
                PUBLISH_REFUSED % {"missing": " · ".join(missing)}
            )
        return publishing


class ProgramPublishingAdmin(CredentialProgramAdmin):
    form = ProgramPublishForm
    readonly_fields = [*CredentialProgramAdmin.readonly_fields, "checklist"]

    @admin.display(description=_("before publishing"))
    def checklist(self, program):
        return render_to_string(
            "admin/programs/credentialprogram/checklist.html",
            {"items": program_checklist(program=program)},
        )


admin.site.register(CredentialProgram, ProgramPublishingAdmin)
