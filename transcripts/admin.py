from django.contrib import admin

from .models import TranscriptDocument, TranscriptShare


@admin.register(TranscriptShare)
class TranscriptShareAdmin(admin.ModelAdmin):
    """Read-only: links are the learner's to create and revoke."""

    list_display = ["learner", "created_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["learner__email", "learner__legal_name"]
    list_select_related = ["learner"]
    exclude = ["token"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(TranscriptDocument)
class TranscriptDocumentAdmin(admin.ModelAdmin):
    list_display = ["learner", "status", "produced_on", "requested_at"]
    list_filter = ["status"]
    search_fields = ["learner__email", "learner__legal_name"]
    list_select_related = ["learner"]
    # The stored file's URL is not rendered: the PDF is the learner's own.
    exclude = ["file"]
    readonly_fields = [
        f.name for f in TranscriptDocument._meta.fields if f.name != "file"
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
