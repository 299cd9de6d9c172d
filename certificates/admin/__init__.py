from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import path
from django.utils.translation import gettext_lazy as _

from core.paging import CappedCountPaginator

from ..models import Award, AwardDocument, AwardEvent, ExpiryReminder, OutputSpec
from ..retries import MAX_EMAIL_FAILURES
from ..selectors.awards import EMAIL_FAILED
from ..services import award_reissue, award_retry
from ..services.emailing import award_email_again
from . import (  # noqa: F401 (they register admins)
    bulk,
    evaluation_requests,
    keys,
    offering_dates,
    pass_mark_preview,
    progress_links,
    publishing,
    rule_preview,
    status_lists,
    unit_rows,
    views,
)


@admin.register(OutputSpec)
class OutputSpecAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "program", "unit", "condition", "position"]
    list_filter = ["kind", "condition"]
    search_fields = ["title", "program__name", "unit__title"]
    list_select_related = ["program", "unit"]
    autocomplete_fields = ["program", "unit"]


class AwardDocumentInline(admin.TabularInline):
    model = AwardDocument
    extra = 0
    can_delete = False
    fields = ["title", "kind", "file", "size_bytes", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class AwardEventInline(admin.TabularInline):
    """Award history is append-only: written by the services, read here."""

    model = AwardEvent
    extra = 0
    can_delete = False
    fields = ["at", "kind", "actor", "detail"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ExpiryReminderInline(AwardEventInline):
    """The reminders of the award's expiry, as the periodic task sent them."""

    model = ExpiryReminder
    fields = ["days_before", "claimed_at", "sent_at", "failures", "last_error"]
    readonly_fields = fields


EMAIL_STATES = {
    "sent": _("sent"),
    "unconfirmed": _("unconfirmed: handed to the mail server, never confirmed"),
    "failed": _("failed, not sent: the mail server refused it"),
    "due": _("not sent yet"),
    "none": "-",
}


def _email_state(award: Award) -> str:
    if award.emailed_at:
        return "sent"
    if award.email_claimed_at:
        return "unconfirmed"
    if award.email_failures >= MAX_EMAIL_FAILURES:
        return "failed"
    if award.email_learner and award.status == Award.Status.ISSUED:
        return "due"
    return "none"


class EmailStateFilter(admin.SimpleListFilter):
    """Finds the emails whose sender died while handing them to the mail server,
    and those the mail server refused until the sweep stopped sending them."""

    title = _("email")
    parameter_name = "email"

    def lookups(self, request, model_admin):
        return [
            ("unconfirmed", EMAIL_STATES["unconfirmed"]),
            ("failed", EMAIL_STATES["failed"]),
        ]

    def queryset(self, request, queryset):
        if self.value() == "unconfirmed":
            return queryset.filter(
                email_claimed_at__isnull=False, emailed_at__isnull=True
            )
        if self.value() == "failed":
            return queryset.filter(EMAIL_FAILED)
        return queryset


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    """Awards are written by the engine; admins revoke, re-issue or retry them."""

    list_display = [
        *("__str__", "status", "earned_on", "issued_at", "last_error"),
        *("email_state", "learner_progress"),
    ]
    # The earned day as a filter of ranges rather than a date hierarchy: the
    # hierarchy reads every award for its first and last day and its years (two
    # queries that grow with the table); the filter's choices cost none.
    list_filter = [
        *("status", EmailStateFilter, "program", "unit__provider"),
        ("earned_on", admin.DateFieldListFilter),
    ]
    search_fields = ["learner__email", "learner__legal_name", "verification_code"]
    list_select_related = ["learner", "program", "unit"]
    # One count, capped (core.paging): the list reads the same few rows at any size.
    paginator = CappedCountPaginator
    show_full_result_count = False
    # Drawing a row's cells is most of the page's time (about 0.5 ms a row):
    # fifty at a time, newest first; search or filter for the others.
    list_per_page = 50
    actions = ["reissue", "retry", "email_again"]
    inlines = [AwardDocumentInline, AwardEventInline, ExpiryReminderInline]
    fields = [
        *("learner", "program", "unit", "status", "verification_code", "uuid"),
        *("earned_on", "expires_on", "issued_at", "email_claimed_at", "emailed_at"),
        *("email_failures", "email_error"),
        *("revoked_at", "revoke_reason", "replaces", "attempts", "last_error"),
        "snapshot",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("progress"))
    def learner_progress(self, award):
        return progress_links.progress_link(award.learner_id)

    # Both actions write: a user who may only view awards must not run them.
    @admin.action(
        description=_("Re-issue from a fresh snapshot (e.g. a corrected name)"),
        permissions=["change"],
    )
    def reissue(self, request, queryset):
        self._each(request, queryset, award_reissue, _("Re-issued: %(n)s."))

    @admin.action(
        description=_("Resend failed awards: issue them again"),
        permissions=["change"],
    )
    def retry(self, request, queryset):
        self._each(request, queryset, award_retry, _("Queued again: %(n)s."))

    @admin.action(
        description=_("Email again: awards whose email failed or was never confirmed"),
        permissions=["change"],
    )
    def email_again(self, request, queryset):
        self._each(request, queryset, award_email_again, _("Email queued: %(n)s."))

    @admin.display(description=_("email"))
    def email_state(self, award):
        state = _email_state(award)
        if state == "failed":
            return f"{EMAIL_STATES[state]} ({award.email_error})"
        return EMAIL_STATES[state]

    def _each(self, request, queryset, service, done_message):
        done = 0
        for award in queryset:
            try:
                service(award=award, actor=request.user)
            except ValidationError as error:
                self.message_user(
                    request, f"{award}: {error.messages[0]}", messages.ERROR
                )
            else:
                done += 1
        if done:
            self.message_user(request, done_message % {"n": done}, messages.SUCCESS)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "bulk/",
                wrap(lambda r: bulk.award_bulk_view(self, r)),
                name="certificates_award_bulk",
            ),
            path(
                "bulk/<uuid:public_id>/",
                wrap(lambda r, public_id: bulk.award_bulk_job_view(self, r, public_id)),
                name="certificates_award_bulk_job",
            ),
            path(
                "bulk/<uuid:public_id>/zip/",
                wrap(lambda r, public_id: bulk.award_bulk_zip_view(self, r, public_id)),
                name="certificates_award_bulk_zip",
            ),
            path(
                "<int:pk>/revoke/",
                wrap(lambda r, pk: views.award_revoke_view(self, r, pk)),
                name="certificates_award_revoke",
            ),
            path(
                "learners/<int:user_id>/progress/",
                wrap(lambda r, user_id: views.learner_progress_view(self, r, user_id)),
                name="certificates_award_progress",
            ),
            *super().get_urls(),
        ]
