"""Attendance at sessions: marked by a facilitator, or by a learner's check-in code.

A check-in code is a signed, timestamped session id (``TimestampSigner``), shown as
a QR code during the session; it expires ``CHECK_IN_VALID_FOR`` after it is made.
"""

import datetime as dt

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from audit.models import AuditEvent
from audit.services import audit_event_record
from core import clock
from core.dates import format_date
from core.refusal import Refusal
from programs.models import Session
from programs.zones import offering_today, offering_zone

from ..access import may_facilitate
from ..models import Attendance, Enrollment
from ..signals import progress_changed
from ..time_rules import attendance_window

CHECK_IN_VALID_FOR = dt.timedelta(minutes=15)
CHECK_IN_SALT = "enrollments.attendance.check-in"

SESSION_NOT_IN_OFFERING = _("%(session)s is not a session of %(offering)s.")
ALREADY_PRESENT = _("%(learner)s is already marked present at %(session)s.")
NOT_ACTIVE = _("%(learner)s is not an active participant of %(offering)s.")
CHECK_IN_EXPIRED = _(
    "This check-in code has expired. Scan the code the facilitator is showing now."
)
CHECK_IN_INVALID = _("This check-in code is not valid.")
CHECK_IN_NOT_ENROLLED = _(
    "You are not enrolled in %(offering)s, so you cannot check in to %(session)s."
)
ATTENDANCE_TOO_EARLY = _(
    "%(session)s takes place on %(date)s; attendance can be recorded from that day."
)
ATTENDANCE_TOO_LATE = _(
    "%(session)s took place on %(date)s; its register closed on %(last)s. "
    "Ask an admin to record a past completion instead."
)
CHECK_IN_NOT_TODAY = _(
    "Check-in to %(session)s is open on %(date)s only, the day of the session."
)


class AttendanceRefused(Refusal):
    """Attendance refused; ``message`` says why."""


def session_day(session: Session) -> dt.date:
    """The session's date in its offering's provider's time zone."""
    return clock.local_day(session.starts_at, offering_zone(session.offering))


def attendance_refusal(
    *, session: Session, today: dt.date, check_in: bool = False
) -> str | None:
    """Why attendance at ``session`` cannot be recorded ``today``, or None.

    A register stays open ``offering.attendance_grace_days`` after the session; a
    check-in code (making one or scanning it) works on the session's day only.
    """
    day = session_day(session)
    grace = 0 if check_in else session.offering.attendance_grace_days
    first, last = attendance_window(session_day=day, grace_days=grace)
    params = {"session": session.title, "date": format_date(day)}
    if first <= today <= last:
        return None
    if check_in:
        return CHECK_IN_NOT_TODAY % params
    if today < first:
        return ATTENDANCE_TOO_EARLY % params
    return ATTENDANCE_TOO_LATE % {**params, "last": format_date(last)}


def _check_day(session: Session, *, today: dt.date | None, check_in=False) -> None:
    message = attendance_refusal(
        session=session,
        today=today or offering_today(session.offering),
        check_in=check_in,
    )
    if message:
        raise AttendanceRefused(message)


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=CHECK_IN_SALT)


def check_in_token_make(*, session: Session, today: dt.date | None = None) -> str:
    """A code for ``session`` that expires ``CHECK_IN_VALID_FOR`` from now; only on
    the session's day."""
    _check_day(session, today=today, check_in=True)
    return _signer().sign(str(session.pk))


def check_in_session(*, token: str) -> Session:
    """The session a check-in code opens, or ``AttendanceRefused`` (expired, forged)."""
    try:
        session_pk = _signer().unsign(token, max_age=CHECK_IN_VALID_FOR)
    except signing.SignatureExpired as error:
        raise AttendanceRefused(CHECK_IN_EXPIRED) from error
    except signing.BadSignature as error:
        raise AttendanceRefused(CHECK_IN_INVALID) from error
    session = (
        Session.objects.select_related("offering__unit").filter(pk=session_pk).first()
    )
    if session is None:
        raise AttendanceRefused(CHECK_IN_INVALID)
    return session


def _record(
    *,
    actor,
    enrollment: Enrollment,
    session: Session,
    method: str,
    now: dt.datetime | None = None,
):
    now = now or clock.now()
    if Attendance.objects.filter(enrollment=enrollment, session=session).exists():
        raise AttendanceRefused(
            ALREADY_PRESENT % {"learner": enrollment.learner, "session": session.title}
        )
    attendance = Attendance(
        enrollment=enrollment,
        session=session,
        method=method,
        marked_by=actor,
        marked_at=now,
    )
    attendance.full_clean()
    attendance.save()
    audit_event_record(
        actor=actor,
        action=AuditEvent.Action.ATTENDANCE_MARKED,
        target=attendance,
        learner=enrollment.learner,
        summary=f"{enrollment.learner} present at {session}",
        before={"present": False},
        after={"present": True, "method": method},
        at=now,
    )
    progress_changed.send(
        sender=Attendance,
        learner_id=enrollment.learner_id,
        unit_id=session.offering.unit_id,
        now=now,
    )
    return attendance


def _check_enrollment(enrollment: Enrollment, session: Session) -> None:
    if session.offering_id != enrollment.offering_id:
        raise AttendanceRefused(
            SESSION_NOT_IN_OFFERING
            % {"session": session.title, "offering": enrollment.offering}
        )
    if enrollment.status == Enrollment.Status.WITHDRAWN:
        raise AttendanceRefused(
            NOT_ACTIVE
            % {"learner": enrollment.learner, "offering": enrollment.offering}
        )


@transaction.atomic
def attendance_mark(
    *,
    marked_by,
    enrollment: Enrollment,
    session: Session,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Attendance:
    """A facilitator (or admin) marks a learner present at a session, by hand,
    from the session's day until its register closes. ``now`` is the moment of
    the mark (the clock's by default), ``today`` its day."""
    if now is not None:
        today = offering_today(session.offering, now)
    if not may_facilitate(user=marked_by, offering=session.offering):
        raise PermissionDenied
    _check_enrollment(enrollment, session)
    _check_day(session, today=today)
    return _record(
        actor=marked_by,
        enrollment=enrollment,
        session=session,
        method=Attendance.Method.MANUAL,
        now=now,
    )


@transaction.atomic
def attendance_remove(*, removed_by, attendance: Attendance) -> None:
    """Undo a mark made in error; the audit trail keeps what was there."""
    session = attendance.session
    if not may_facilitate(user=removed_by, offering=session.offering):
        raise PermissionDenied
    learner = attendance.enrollment.learner
    audit_event_record(
        actor=removed_by,
        action=AuditEvent.Action.ATTENDANCE_REMOVED,
        target=attendance,
        learner=learner,
        summary=f"{learner} no longer present at {session}",
        before={"present": True, "method": attendance.method},
        after={"present": False},
    )
    attendance.delete()
    progress_changed.send(
        sender=Attendance, learner_id=learner.pk, unit_id=session.offering.unit_id
    )


@transaction.atomic
def attendance_check_in(
    *, learner, token: str, today: dt.date | None = None
) -> tuple[Attendance, bool]:
    """The logged-in learner checks in with a code; returns (attendance, created).

    Checking in twice is harmless: the second time returns the first record.
    """
    session = check_in_session(token=token)
    _check_day(session, today=today, check_in=True)
    enrollment = Enrollment.objects.filter(
        learner=learner,
        offering_id=session.offering_id,
        status__in=[Enrollment.Status.ACTIVE, Enrollment.Status.COMPLETED],
    ).first()
    if enrollment is None:
        raise AttendanceRefused(
            CHECK_IN_NOT_ENROLLED
            % {"offering": session.offering, "session": session.title}
        )
    existing = Attendance.objects.filter(enrollment=enrollment, session=session).first()
    if existing:
        return existing, False
    attendance = _record(
        actor=learner,
        enrollment=enrollment,
        session=session,
        method=Attendance.Method.CHECK_IN,
    )
    return attendance, True


@transaction.atomic
def session_attendance_set(
    *,
    marked_by,
    session: Session,
    present_enrollment_ids: set[int],
    today: dt.date | None = None,
) -> tuple[int, int]:
    """Make the session's register match a facilitator's ticks; returns
    (marked, removed). Each change is audited on its own."""
    if not may_facilitate(user=marked_by, offering=session.offering):
        raise PermissionDenied
    _check_day(session, today=today)
    enrollments = session.offering.enrollments.select_related("learner")
    current = {
        a.enrollment_id: a
        for a in Attendance.objects.filter(session=session).select_related(
            "enrollment__learner", "session__offering"
        )
    }
    marked = removed = 0
    for enrollment in enrollments.filter(pk__in=present_enrollment_ids):
        if enrollment.pk not in current:
            _check_enrollment(enrollment, session)
            _record(
                actor=marked_by,
                enrollment=enrollment,
                session=session,
                method=Attendance.Method.MANUAL,
            )
            marked += 1
    for enrollment_id, attendance in current.items():
        if enrollment_id not in present_enrollment_ids:
            attendance_remove(removed_by=marked_by, attendance=attendance)
            removed += 1
    return marked, removed
