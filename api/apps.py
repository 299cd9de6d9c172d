from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The read-only JSON API under /api/v1/ and the personal API tokens."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "api"
    verbose_name = "API"

    def ready(self) -> None:
        # Registers the token scheme with drf-spectacular (import has the effect).
        from . import schema  # noqa: F401
