"""The demo's recertification ledger: Maryland's certificate as an admin would
configure it (demo values: the sources give none) and learner4, a Maryland
teacher, with a Loyola Full micro-credential earned here (1 CPD credit), one
state certificate and one entry earned elsewhere, verified: "3 of 6 credits".

learner4's history is dated as it would have happened, through the real
services: the micro-credential in its earliest run (ended months ago), reviewed
Met after the run's last day; the outside entry added and verified some months
before the load day. Idempotent: nothing is loaded twice.
"""

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from certificates.models import Award
from certificates.rendering import render_pdf
from core import clock
from ledger.models import StateCertificateType
from ledger.services import (
    held_certificate_record,
    outside_credit_add,
    outside_credit_verify,
)
from reviews.services.reviews import review_decide

from .awards import History, _at, _enroll, _first_run, _submit

DEMO_LEDGER_LEARNER = "learner4@demo.test"
FULL_MICRO_CREDENTIAL = "loyola-full-technology-integration"
DEMO_NOTE = (
    "Demo values: the sources give no renewal figures. An admin sets the state's "
    "own (credits, window, what counts) in the admin."
)
# Demo values an admin would configure (the sources give none).
MARYLAND = {
    "state": "MD",
    "name": "Professional Certificate",
    "defaults": {
        "credits_needed": Decimal(6),
        "window_years": 5,
        "cpd_credits_per_credit": Decimal(1),
        "clock_hours_per_credit": Decimal(15),
        "ceus_per_credit": Decimal("1.5"),
        "note": DEMO_NOTE,
    },
}
OUTSIDE_EARNED_BEFORE = dt.timedelta(days=240)  # a summer institute, months ago
ADDED_AFTER = dt.timedelta(days=6)
VERIFIED_AFTER = dt.timedelta(days=2)
REVIEWED_AFTER_END = dt.timedelta(days=2)


def demo_ledger_load(*, users: dict, today: dt.date) -> dict[int, dt.datetime]:
    """learner4's ledger; returns when to issue the award it earns (empty when
    learner4 already holds one)."""
    kind, _ = StateCertificateType.objects.update_or_create(
        state=MARYLAND["state"], name=MARYLAND["name"], defaults=MARYLAND["defaults"]
    )
    learner = users[DEMO_LEDGER_LEARNER]
    if Award.objects.filter(learner=learner).exists():
        return {}
    facilitator = users["facilitator1@demo.test"]
    history = History()
    _full_micro_credential(learner, facilitator, history)
    _ledger(learner, facilitator, kind, today)
    return history.issue_at


def _full_micro_credential(learner, facilitator, history: History) -> None:
    offering = _first_run(FULL_MICRO_CREDENTIAL)
    enrollment = _enroll(learner, offering, offering.start_date - dt.timedelta(weeks=3))
    versions = [
        _submit(enrollment, title, moment=_at(offering.end_date), text=text)
        for title, text in (
            ("Module activities", "My notes and activities from each module."),
            ("Competency-based project", "A unit redesigned with digital tools."),
        )
    ]
    reviewed = offering.end_date + REVIEWED_AFTER_END
    for hour, version in enumerate(versions, start=10):
        with history.step(_at(reviewed, hour)) as moment:
            review_decide(
                reviewer=facilitator, version=version, decision="met", now=moment
            )


def _evidence() -> SimpleUploadedFile:
    """A one-page certificate of attendance, as the learner would scan it in."""
    html = (
        "<h1>Certificate of attendance</h1><p>Mara Learner attended the Summer "
        "Literacy Institute (30 clock hours).</p><p>Demo evidence.</p>"
    )
    return SimpleUploadedFile(
        "summer-institute-certificate.pdf",
        render_pdf(html),
        content_type="application/pdf",
    )


@transaction.atomic
def _ledger(learner, facilitator, kind: StateCertificateType, today: dt.date) -> None:
    earned = today - OUTSIDE_EARNED_BEFORE
    added = _at(earned + ADDED_AFTER, 20)
    held_certificate_record(
        learner=learner,
        certificate_type=kind,
        number="MD-DEMO-0417",
        expires_on=dt.date(today.year + 3, 6, 30),
        today=clock.local_day(added),
        now=added - dt.timedelta(minutes=10),
    )
    entry = outside_credit_add(
        learner=learner,
        activity="Summer Literacy Institute",
        provider="Anne Arundel County Public Schools",
        earned_on=earned,
        amount=Decimal(30),
        unit="clock_hours",
        evidence=_evidence(),
        today=clock.local_day(added),
        now=added,
    )
    outside_credit_verify(
        entry=entry,
        verifier=facilitator,
        now=_at(earned + ADDED_AFTER + VERIFIED_AFTER, 9),
    )
