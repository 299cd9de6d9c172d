from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self) -> None:
        from enrollments.signals import progress_changed

        from .receivers import on_progress_changed

        progress_changed.connect(
            on_progress_changed, dispatch_uid="certificates.on_progress_changed"
        )
