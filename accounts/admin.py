from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
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
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]
