"""Admins configure checklists here and read submissions; decisions go through the
review pages, so that every one is audited and notified."""

from django.contrib import admin

from .models import (
    Artifact,
    ChecklistOption,
    ChecklistQuestion,
    DeadlineReminder,
    PeerComment,
    Review,
    Submission,
    SubmissionVersion,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ChecklistOptionInline(admin.TabularInline):
    model = ChecklistOption
    extra = 3
    fields = ["position", "text", "is_correct", "feedback"]


@admin.register(ChecklistQuestion)
class ChecklistQuestionAdmin(admin.ModelAdmin):
    list_display = ["prompt", "requirement", "position"]
    list_filter = ["requirement__unit"]
    search_fields = ["prompt", "requirement__title", "requirement__unit__title"]
    autocomplete_fields = ["requirement"]
    list_select_related = ["requirement__unit"]
    inlines = [ChecklistOptionInline]


class VersionInline(ReadOnlyInline):
    model = SubmissionVersion
    fields = ["number", "status", "submitted_at", "text", "link"]


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "requirement", "created_at"]
    list_filter = ["requirement__review_mode", "requirement__unit"]
    search_fields = ["enrollment__learner__email", "requirement__title"]
    list_select_related = ["enrollment__learner", "requirement__unit"]
    inlines = [VersionInline]


class ArtifactInline(ReadOnlyInline):
    model = Artifact
    fields = ["title", "file_name", "link", "standards", "reflection"]
    show_change_link = False


@admin.register(SubmissionVersion)
class SubmissionVersionAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "status", "submitted_at"]
    list_filter = ["status"]
    search_fields = ["submission__enrollment__learner__email"]
    list_select_related = ["submission__enrollment__learner", "submission__requirement"]
    inlines = [ArtifactInline]


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "decision", "reviewer", "created_at", "updated_at"]
    list_filter = ["decision"]
    search_fields = ["version__submission__enrollment__learner__email"]
    list_select_related = [
        "reviewer",
        "version__submission__enrollment__learner",
        "version__submission__requirement__unit",
    ]


@admin.register(PeerComment)
class PeerCommentAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "created_at"]
    search_fields = ["author__email", "body"]
    list_select_related = ["author", "version__submission__enrollment__learner"]


@admin.register(DeadlineReminder)
class DeadlineReminderAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "enrollment", "sent_at"]
    list_select_related = ["requirement__unit", "enrollment__learner"]
