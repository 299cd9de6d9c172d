"""What the learner's dashboard shows, composed from the apps' selectors.

Each section is one entry of the context and one include in dashboard.html.
"""

import datetime as dt

from certificates import selectors as certificate_selectors
from enrollments import order_selectors
from enrollments import selectors as enrollment_selectors
from enrollments.models import Enrollment
from reviews import selectors as review_selectors


def dashboard_context(*, user, today: dt.date) -> dict:
    enrollments = enrollment_selectors.learner_enrollments(learner=user)
    past_completions = enrollment_selectors.learner_past_completions(learner=user)
    current = [e for e in enrollments if e.status == Enrollment.Status.ACTIVE]
    past = [e for e in enrollments if e.status != Enrollment.Status.ACTIVE]
    dues = {
        enrollment.pk: [
            due
            for due in enrollment_selectors.enrollment_deadlines(
                enrollment=enrollment, today=today
            )
            if due.days_left >= 0
        ]
        for enrollment in current
    }
    upcoming = sorted(
        (due for enrollment_dues in dues.values() for due in enrollment_dues),
        key=lambda due: due.deadline,
    )
    return {
        "current_enrollments": [(e, dues[e.pk]) for e in current],
        "past_enrollments": past,
        "past_completions": past_completions,
        "upcoming_deadlines": upcoming,
        "program_progress": enrollment_selectors.learner_progress(
            enrollments=enrollments, past_completions=past_completions
        ),
        "awards": certificate_selectors.awards_for(learner=user),
        "progress_reports": certificate_selectors.progress_reports_for(
            learner=user, today=today
        ),
        "portfolios": review_selectors.portfolios_in_progress(learner=user),
        "invoices": list(order_selectors.invoices_billed_to(user=user)),
        "facilitated_offerings": list(
            enrollment_selectors.offerings_facilitated_by(user=user)
        ),
    }
