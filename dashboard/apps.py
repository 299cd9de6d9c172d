from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """The learner's dashboard: reads composed from the other apps."""

    name = "dashboard"
    verbose_name = _("Dashboard")
