"""Awards for the bulk-action tests: issued CMTE certificates on chosen days."""

import datetime as dt

from certificates.models import Award
from certificates.services import award_request
from certificates.services.issuance import award_issue
from programs.models import CredentialProgram
from tests.factories import LearnerFactory


def cmte_awards(today: dt.date, days_ago: list[int], *, issue: bool = True):
    """One learner's CMTE Certificate per entry, earned that many days before
    ``today``, issued (rendered here) unless ``issue`` is False."""
    program = CredentialProgram.objects.get(slug="cmte")
    awards = []
    for n, days in enumerate(days_ago):
        learner = LearnerFactory(legal_name=f"Learner Number{n}")
        award, _ = award_request(
            learner=learner, program=program, earned_on=today - dt.timedelta(days)
        )
        awards.append(award_issue(award_id=award.pk) if issue else award)
    return awards


def refreshed(awards: list[Award]) -> list[Award]:
    for award in awards:
        award.refresh_from_db()
    return awards
