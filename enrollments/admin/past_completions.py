"""Past completions: read in the admin, imported from a CSV as a bulk job.

Every line is checked in the request so the admin corrects the file at once; the
job (``jobs``) checks them again in the worker and writes them all or none.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from core import clock
from enrollments.jobs.services import past_completion_import_start

from ..models import PastCompletion
from ..services.past_completions import past_completion_rows_read
from .enrollment import LEARNER_SEARCH, ReadOnlyAdmin
from .past_completion_forms import PastCompletionImportForm

NOTHING_IMPORTED = _("Nothing was imported: correct these lines and try again.")


@admin.register(PastCompletion)
class PastCompletionAdmin(ReadOnlyAdmin):
    list_display = ["learner", "unit", "completed_on", "source", "imported_by"]
    list_filter = ["unit__provider", "unit"]
    search_fields = [*LEARNER_SEARCH, "unit__title", "source"]
    list_select_related = ["learner", "unit", "imported_by"]
    date_hierarchy = "completed_on"

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="enrollments_pastcompletion_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not request.user.has_perm("enrollments.add_pastcompletion"):
            raise PermissionDenied
        form = PastCompletionImportForm(request.POST or None, request.FILES or None)
        errors: list[str] = []
        if request.method == "POST" and form.is_valid():
            today, text = clock.today(), form.cleaned_data["text"]
            rows, errors = past_completion_rows_read(text=text, today=today)
            if not errors:
                job = past_completion_import_start(
                    text=text, rows=len(rows), imported_by=request.user, today=today
                )
                return redirect(job)
            messages.error(request, NOTHING_IMPORTED)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import past completions"),
            "form": form,
            "errors": errors,
        }
        return TemplateResponse(
            request, "admin/enrollments/pastcompletion/import.html", context
        )
