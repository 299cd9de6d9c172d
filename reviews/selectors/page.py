"""Everything a learner's requirement page shows, in a bounded number of queries."""

import datetime as dt

from enrollments.models import Attendance, Enrollment
from programs.models import Requirement

from .. import guards
from ..retention import files_deleted_on
from .history import checklist_questions, peer_projects, submission_versions
from .states import enrollment_requirement_rows


def carried_over(draft, previous) -> list:
    """The draft's artifacts that came with it from the previous version (a
    revision starts from it; the stored file is shared), in the draft's order."""
    if draft is None or previous is None:
        return []
    before = {(a.file.name, a.link, a.text) for a in previous.artifacts.all()}
    return [a for a in draft.artifacts.all() if (a.file.name, a.link, a.text) in before]


def enrollment_files_deleted_on(*, enrollment: Enrollment) -> dt.date | None:
    """The day the provider's retention policy deletes the run's files."""
    offering = enrollment.offering
    return files_deleted_on(
        run_ends=offering.end_date,
        months=offering.unit.provider.artifact_retention_months,
    )


def requirement_page(
    *, enrollment: Enrollment, requirement: Requirement, today: dt.date
) -> dict:
    """The page's state, versions and forms; the forms show only when the submit
    service would accept a new version (it asks the same guard)."""
    row = next(
        r
        for r in enrollment_requirement_rows(enrollment=enrollment, today=today)
        if r.requirement.pk == requirement.pk
    )
    refusal = guards.submission_refusal(
        enrollment=enrollment, requirement=requirement, today=today
    )
    versions = submission_versions(submission=row.submission) if row.submission else []
    draft = next((v for v in versions if v.is_draft), None)
    submitted = [v for v in versions if not v.is_draft]
    context = {
        "row": row,
        "state": row.state,
        "draft": draft,
        "versions": submitted,
        "latest": submitted[0] if submitted else None,
        "carried_over": carried_over(draft, submitted[0] if submitted else None),
        "can_submit": refusal is None,
        "refusal": refusal,
        "questions": [],
        "peers": [],
        "sessions": [],
        "files_deleted_on": enrollment_files_deleted_on(enrollment=enrollment),
    }
    if requirement.kind == Requirement.Kind.CHECKLIST:
        context["questions"] = list(checklist_questions(requirement=requirement))
    if requirement.shared_with_peers:
        context["peers"] = list(
            peer_projects(enrollment=enrollment, requirement=requirement)
        )
    if requirement.kind == Requirement.Kind.ATTENDANCE:
        attended = set(
            Attendance.objects.filter(enrollment=enrollment).values_list(
                "session_id", flat=True
            )
        )
        context["sessions"] = [
            (session, session.pk in attended)
            for session in enrollment.offering.sessions.all()
        ]
    return context
