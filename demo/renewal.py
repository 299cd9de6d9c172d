"""The demo's renewal: learner3's CAEL Certificate, first earned two years before
its renewal, renewed by the CPD credit of a Loyola Full micro-credential.

The validity (24 months) and the renewal rule (1 CPD credit since the last award,
from 120 days before expiry) are demo values: the sources give none. The story is
told through the real services and dated on its own days: the five CAEL modules
were completed before the portal tracked them (past completions, imported), the
certificate was earned with the last one, and the renewal is earned by the
progress evaluation on the day the Loyola micro-credential is reviewed Met,
inside the renewal window.
"""

import calendar
import datetime as dt

from django.db import transaction

from certificates.models import Award
from certificates.services import award_request
from certificates.services.issuance import award_issue
from enrollments.services.past_completions import past_completion_record
from programs.models import CredentialProgram, RenewalRule, Unit
from reviews.services.reviews import review_decide

from .awards import (
    DEMO_LEARNER,
    ENROLLED_BEFORE_START,
    ISSUED_AFTER,
    History,
    _at,
    _enroll,
    _submit,
)

CAEL_VALID_FOR_MONTHS = 24
RENEWAL_CPD_CREDITS = 1
RENEWAL_OPENS_DAYS_BEFORE = 120
FULL_MICRO_CREDENTIAL = "loyola-full-technology-integration"
# The Loyola run's work is reviewed two days after it ends; the certificate had
# expired 60 days after that (so the renewal falls inside its window).
REVIEWED_AFTER_END = dt.timedelta(days=2)
EXPIRES_AFTER_RENEWAL = dt.timedelta(days=60)
MODULES_APART = dt.timedelta(weeks=26)


def _months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(
        year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1])
    )


def demo_renewal_rules_load() -> CredentialProgram:
    """CAEL's demo validity and renewal rule (idempotent)."""
    cael = CredentialProgram.objects.get(slug="cael")
    cael.valid_for_months = CAEL_VALID_FOR_MONTHS
    cael.save(update_fields=["valid_for_months"])
    RenewalRule.objects.update_or_create(
        program=cael,
        kind=RenewalRule.Kind.CREDITS_SINCE_AWARD,
        defaults={
            "measure": RenewalRule.Measure.CPD_CREDITS,
            "min_amount": RENEWAL_CPD_CREDITS,
            "opens_days_before": RENEWAL_OPENS_DAYS_BEFORE,
            "grace_days": 0,
        },
    )
    return cael


def renewal_day_of(run_end: dt.date) -> dt.date:
    """The day the Loyola micro-credential, and so the renewal, is earned."""
    return run_end + REVIEWED_AFTER_END


@transaction.atomic
def demo_renewal_load(*, users: dict) -> dict[int, dt.datetime]:
    """learner3's renewed CAEL Certificate; returns when to issue the awards the
    story earns (empty when learner3 already holds CAEL: nothing twice)."""
    learner = users[DEMO_LEARNER]
    cael = demo_renewal_rules_load()
    if Award.objects.filter(learner=learner, program=cael).exists():
        return {}
    unit = Unit.objects.get(slug=FULL_MICRO_CREDENTIAL)
    offering = unit.offerings.order_by("start_date").first()
    _cael_first_award(
        learner=learner,
        cael=cael,
        admin=users["admin@demo.test"],
        renewed_on=renewal_day_of(offering.end_date),
    )
    history = History()
    _loyola_full(learner, offering, users["facilitator1@demo.test"], history)
    return history.issue_at


def _cael_first_award(*, learner, cael, admin, renewed_on: dt.date) -> Award:
    """learner3's CAEL Certificate, earned with the fifth of the modules they
    completed before the portal tracked them, issued that day; it expires
    ``EXPIRES_AFTER_RENEWAL`` after ``renewed_on``."""
    target = renewed_on + EXPIRES_AFTER_RENEWAL
    earned_on = _months_before(target + dt.timedelta(days=1), CAEL_VALID_FOR_MONTHS)
    modules = list(Unit.objects.filter(programs=cael).order_by("position"))
    award, _ = award_request(
        learner=learner,
        program=cael,
        earned_on=earned_on,
        results={"units": [unit.title for unit in modules], "scores": []},
    )
    award_issue(award_id=award.pk, notify=False, now=_at(earned_on) + ISSUED_AFTER)
    # Recorded after the award, which they earned: evaluating them earns nothing.
    for done, unit in enumerate(reversed(modules)):
        past_completion_record(
            learner=learner,
            unit=unit,
            completed_on=earned_on - done * MODULES_APART,
            source="HGSE records, before the portal",
            imported_by=admin,
        )
    return award


def _loyola_full(learner, offering, facilitator, history: History) -> None:
    """learner3 completes the Loyola Full micro-credential in its ended run: both
    pieces reviewed Met two days after the end earn its 1 CPD credit, and with
    it the CAEL renewal."""
    enrollment = _enroll(learner, offering, offering.start_date - ENROLLED_BEFORE_START)
    versions = [
        _submit(enrollment, title, moment=_at(offering.end_date), text=text)
        for title, text in [
            ("Module activities", "My module activities, done in full."),
            ("Competency-based project", "A technology-rich unit I taught."),
        ]
    ]
    reviewed = _at(renewal_day_of(offering.end_date), 9)
    with history.step(reviewed) as moment:
        for version in versions:
            review_decide(
                reviewer=facilitator, version=version, decision="met", now=moment
            )
