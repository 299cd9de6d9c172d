from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from enrollments.signals import progress_changed

        from .models import Award
        from .receivers import on_award_written, on_progress_changed

        progress_changed.connect(
            on_progress_changed, dispatch_uid="certificates.on_progress_changed"
        )
        post_save.connect(
            on_award_written, sender=Award, dispatch_uid="certificates.award_saved"
        )
        post_delete.connect(
            on_award_written, sender=Award, dispatch_uid="certificates.award_deleted"
        )
