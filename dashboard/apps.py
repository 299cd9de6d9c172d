from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """The learner's dashboard: composes reads from enrollments, reviews, certificates."""

    name = "dashboard"
    verbose_name = _("Dashboard")
