from django.contrib import admin

from ..models import IssuerKey


@admin.register(IssuerKey)
class IssuerKeyAdmin(admin.ModelAdmin):
    """Keys are made on a provider's first export and never deleted: what a key
    signed must stay verifiable. Setting "retired at" makes the next export start
    a new key; the old one stays published."""

    list_display = ["kid", "provider", "created_at", "retired_at"]
    list_filter = ["provider"]
    fields = ["provider", "kid", "public_jwk", "created_at", "retired_at"]
    readonly_fields = ["kid", "public_jwk", "created_at"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """The provider is shown, not edited: a disabled field rather than a
        read-only one, so the form checks the one-active-key-per-provider
        constraint (clearing "retired at" while another key is active) and
        answers with an error, not a database failure."""
        if db_field.name == "provider":
            kwargs["disabled"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
