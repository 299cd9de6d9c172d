from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..models import ProgressEvaluationRequest
from ..selectors.evaluation_requests import stuck_since
from ..services.evaluation import progress_request_evaluate


class StuckFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("failed", _("Evaluation failed")),
            ("late", _("Waiting longer than two sweeps")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "failed":
            return queryset.filter(attempts__gt=0)
        if self.value() == "late":
            return queryset.filter(created_at__lt=stuck_since(timezone.now()))
        return queryset


@admin.register(ProgressEvaluationRequest)
class ProgressEvaluationRequestAdmin(admin.ModelAdmin):
    """Progress changes waiting for their evaluation (the outbox): written with
    the change, deleted by the worker once evaluated. A failed one stays with its
    error until the sweep, or this page's action, evaluates it."""

    list_display = ["learner", "unit", "changed_at", "attempts", "error"]
    list_filter = [StuckFilter]
    list_select_related = ["learner", "unit"]
    search_fields = ["learner__email", "unit__title"]
    fields = ["learner", "unit", "changed_at", "created_at", "attempts", "last_error"]
    readonly_fields = fields
    actions = ["evaluate_now"]

    @admin.display(description=_("last error"))
    def error(self, request_row: ProgressEvaluationRequest) -> str:
        return request_row.last_error[:120]

    @admin.action(description=_("Evaluate the selected changes now"))
    def evaluate_now(self, request, queryset):
        pairs = set(queryset.values_list("learner_id", "unit_id"))
        failed = 0
        for learner_id, unit_id in sorted(pairs):
            try:
                progress_request_evaluate(learner_id=learner_id, unit_id=unit_id)
            except Exception as error:
                failed += 1
                self.message_user(request, repr(error)[:300], messages.ERROR)
        done = len(pairs) - failed
        self.message_user(
            request,
            ngettext(
                "%(count)d learner and unit evaluated.",
                "%(count)d learners and units evaluated.",
                done,
            )
            % {"count": done},
            messages.SUCCESS if not failed else messages.WARNING,
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
