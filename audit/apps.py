from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """An append-only trail of decisions: who did what, when, before and after."""

    name = "audit"
    verbose_name = _("Audit trail")
