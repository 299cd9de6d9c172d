"""The learner's home: their own learning, composed from the apps' selectors.

Each section is one entry of the context and one include in its template.
"""

import datetime as dt

from certificates.selectors.progress import progress_reports_from
from certificates.selectors.record import learner_record
from certificates.selectors.renewal import renewal_cases
from certificates.selectors.rule_graph import rule_graph
from certificates.selectors.validity import expiry_notices_from
from certificates.selectors.wallet import wallet_from
from core import clock
from enrollments import selectors as enrollment_selectors
from enrollments.group_orders import selectors as group_order_selectors
from enrollments.models import Enrollment
from learnerdata.selectors import retention_warnings
from ledger.selectors import ledger_lines_for
from programs.zones import offering_today
from reviews import selectors as review_selectors


def dashboard_context(
    *, user, today: dt.date | None = None, now: dt.datetime | None = None
) -> dict:
    """The learner's home on ``today``, or with ``now`` each offering on its
    provider's day at that moment (a learner of a California and a Maryland
    provider sees each one's deadlines counted in its own zone)."""
    now = now or clock.now()
    # Read once: every section below draws on the same record and rule graph.
    graph = rule_graph()
    record = learner_record(learner=user, today=today, now=now, graph=graph)
    current = record.active
    past = [e for e in record.enrollments if e.status != Enrollment.Status.ACTIVE]
    # A requirement done or waiting for review asks nothing more of the learner.
    still_open = {
        (enrollment.pk, row.requirement.pk)
        for enrollment in current
        for row in record.rows[enrollment.pk]
        if row.is_open
    }
    dues = {
        enrollment.pk: [
            due
            for due in enrollment_selectors.enrollment_deadlines(
                enrollment=enrollment,
                today=today or offering_today(enrollment.offering, now),
            )
            if due.days_left >= 0 and (enrollment.pk, due.requirement.pk) in still_open
        ]
        for enrollment in current
    }
    upcoming = sorted(
        (due for enrollment_dues in dues.values() for due in enrollment_dues),
        key=lambda due: due.deadline,
    )
    portfolios = [
        portfolio
        for portfolio in review_selectors.portfolios_in_progress(
            enrollments=current, rows=record.rows
        )
        if (portfolio.submission.enrollment_id, portfolio.requirement.pk) in still_open
    ]
    # The learner's own day, for what belongs to no one provider (the wallet,
    # expiry notices, retention warnings, progress reports).
    day = today or clock.local_day(now)
    return {
        "current_enrollments": [(e, dues[e.pk]) for e in current],
        "past_enrollments": past,
        "past_completions": record.past_completions,
        "upcoming_deadlines": upcoming,
        "awards": record.awards,
        "wallet": wallet_from(record.awards, today=day),
        "expiry_notices": expiry_notices_from(record.awards, today=day),
        "progress_reports": progress_reports_from(record, day, graph=graph),
        "renewals": renewal_cases(
            learner_id=user.pk, today=day, awards=record.awards, graph=graph
        ),
        "portfolios": portfolios,
        "invoices": list(group_order_selectors.invoices_billed_to(user=user)),
        "state_certificates": ledger_lines_for(learner=user, awards=record.awards),
        "retention_warnings": retention_warnings(
            learner=user, today=day, enrollments=record.enrollments
        ),
    }
