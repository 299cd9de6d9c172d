"""Everything a learner's requirement page shows, in a bounded number of queries."""

from enrollments.models import Attendance, Enrollment
from programs.models import Requirement

from ..models import Review
from .history import checklist_questions, peer_projects, submission_versions
from .states import enrollment_requirement_rows


def _accepts_new_version(enrollment, requirement, submitted) -> bool:
    """Mirrors the services' checks, to show the forms only when they can succeed."""
    if enrollment.status == Enrollment.Status.WITHDRAWN:
        return False
    if requirement.kind == Requirement.Kind.ATTENDANCE:
        return False
    if not submitted or requirement.review_mode == Requirement.ReviewMode.NONE:
        return True
    review = getattr(submitted[0], "review", None)
    if review is None or review.decision == Review.Decision.MET:
        return False
    return not review.passed


def requirement_page(*, enrollment: Enrollment, requirement: Requirement) -> dict:
    row = next(
        r
        for r in enrollment_requirement_rows(enrollment=enrollment)
        if r.requirement.pk == requirement.pk
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
        "can_submit": _accepts_new_version(enrollment, requirement, submitted),
        "questions": [],
        "peers": [],
        "sessions": [],
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
