from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = _("Catalogue")

    def ready(self) -> None:
        from core.versioned import source_written, watch

        from .models import CompletionRule, Offering, Unit
        from .models.writes import CATALOGUE

        watch(
            CATALOGUE,
            senders=self.get_models(),
            links=[
                Unit.programs.through,
                Unit.prerequisites.through,
                Unit.recommended_prior_units.through,
                CompletionRule.units.through,
                Offering.facilitators.through,
            ],
        )
        # Rows a data migration writes send no signal.
        post_migrate.connect(
            lambda **kwargs: source_written(CATALOGUE),
            sender=self,
            weak=False,
            dispatch_uid="catalogue-migrated",
        )
