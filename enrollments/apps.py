from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnrollmentsConfig(AppConfig):
    name = "enrollments"
    verbose_name = _("Enrollments")

    def ready(self) -> None:
        from core.versioned import watch

        from .models import Enrollment
        from .models.enrollment import PLACES

        watch(PLACES, senders=[Enrollment])
