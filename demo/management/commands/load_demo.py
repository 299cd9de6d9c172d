import os

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from certificates.enqueue import (
    awards_collected,
    evaluations_held,
    status_lists_held,
)
from certificates.services.evaluation import progress_requests_evaluate
from certificates.services.status_lists import status_lists_publish_pending
from core import clock
from demo import activity, awards, ledger, payments, renewal, services
from demo.checklists import demo_checklists_load

SILENT = "django.core.mail.backends.dummy.EmailBackend"


class Command(BaseCommand):
    help = "Load (or refresh) the demo catalogue and demo users. Safe to run again."

    def handle(self, *args, **options):
        # The demo's reviews and group orders would email the demo users, and its
        # awards would go to the worker, which emails: collect the awards instead,
        # issue them here without email, and send nothing; the progress it makes
        # is evaluated here, and the revocation lists are signed here too, once
        # the awards are issued and re-issued.
        with (
            override_settings(EMAIL_BACKEND=SILENT),
            status_lists_held(),
            evaluations_held(),
            awards_collected() as ids,
        ):
            users, issue_at = self._load()
            progress_requests_evaluate()
            # learner3's history is issued on its own days; anything else now.
            failed = awards.demo_awards_issue(
                issue_at={**dict.fromkeys(ids), **issue_at}
            )
            failed += awards.demo_awards_issue(
                issue_at=awards.demo_reissue_load(users=users)
            )
            status_lists_publish_pending()
        # The report's figures, counted here once so that its page is not empty
        # before the first periodic rollup (by the command's name: reports is
        # demo's sibling layer; in this process, so nothing goes to a broker).
        call_command("report_rollup", stdout=self.stdout)
        for award in failed:
            self.stderr.write(f"Award {award} was not issued: {award.last_error}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo catalogue loaded; {len(users)} demo users share the "
                "password in DEMO_PASSWORD (default: portal-demo)."
            )
        )

    def _load(self) -> tuple[dict, dict]:
        today = clock.today()
        password = os.environ.get("DEMO_PASSWORD", "portal-demo")
        services.demo_catalog_load(today=today)
        users = services.demo_users_load(password=password)
        services.demo_facilitators_assign(users)
        services.demo_roles_assign(users)
        demo_checklists_load()
        awards.demo_outputs_load()
        awards.demo_validity_load()
        issue_at = awards.demo_awards_load(users=users, today=today)
        issue_at |= ledger.demo_ledger_load(users=users, today=today)
        issue_at |= renewal.demo_renewal_load(users=users)
        activity.demo_activity_load(users=users, today=today)
        payments.demo_payments_load(users=users, today=today)
        return users, issue_at
