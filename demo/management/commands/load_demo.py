import os

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from demo import activity, awards, services
from demo.checklists import demo_checklists_load


class Command(BaseCommand):
    help = "Load (or refresh) the demo catalogue and demo users. Safe to run again."

    def handle(self, *args, **options):
        # The demo's reviews and awards would email the demo users: send nothing.
        settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
        today = timezone.localdate()
        password = os.environ.get("DEMO_PASSWORD", "portal-demo")
        services.demo_catalog_load(today=today)
        users = services.demo_users_load(password=password)
        services.demo_facilitators_assign(users)
        services.demo_roles_assign(users)
        demo_checklists_load()
        awards.demo_outputs_load()
        awards.demo_awards_load(users=users, today=today)
        activity.demo_activity_load(users=users, today=today)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo catalogue loaded; {len(users)} demo users share the password "
                "in DEMO_PASSWORD (default: portal-demo)."
            )
        )
