from django import forms
from django.conf import settings
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from core import clock

from .services import user_legal_name_audit


class UserAdmin(DjangoUserAdmin):
    """Registered by ``certificates.admin.progress_links``, whose subclass links
    the user's progress ("why not yet", a layer above accounts)."""

    ordering = ["email"]
    list_display = [
        "email",
        "legal_name",
        "organisation",
        "professional_role",
        "is_staff",
    ]
    list_filter = [
        "is_staff",
        "is_superuser",
        "is_active",
        "groups",
        "professional_role",
    ]
    search_fields = ["email", "legal_name", "first_name", "last_name", "organisation"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Profile"),
            {
                "fields": [
                    "legal_name",
                    "first_name",
                    "last_name",
                    "organisation",
                    "professional_role",
                    "maryland_certified",
                    "time_zone",
                ]
            },
        ),
        (
            _("Permissions"),
            {
                "fields": [
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                ]
            },
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """The time zone is picked from the IANA names this machine knows."""
        if db_field.name == "time_zone":
            names = [(name, name) for name in clock.zone_names()]
            portal = _("The portal's (%(zone)s)") % {"zone": settings.TIME_ZONE}
            kwargs["widget"] = forms.Select(choices=[("", portal), *names])
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        """Save, then audit a new legal name (the admin's transaction holds both)."""
        super().save_model(request, obj, form, change)
        if change and "legal_name" in form.changed_data:
            user_legal_name_audit(
                user=obj, before=form.initial.get("legal_name", ""), actor=request.user
            )

    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]
