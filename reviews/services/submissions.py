"""A learner's drafts, artifacts and submissions. Submitted versions never change.

Every function checks before it writes, so a refused change (a bad file, a late
submission, too many artifacts) leaves the stored state exactly as it was.
"""

import datetime as dt
import uuid
from collections.abc import Iterable

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from audit.models import AuditEvent
from audit.services import audit_event_record
from core import clock
from enrollments.models import Enrollment
from enrollments.signals import progress_changed
from programs.models import Requirement
from programs.zones import offering_today

from .. import guards, messages
from ..latest import latest_version_record
from ..messages import ReviewsRefused
from ..models import Artifact, IsteStandard, Submission, SubmissionVersion
from ..uploads import CheckedFile, UploadRefused, uploaded_file_check
from .notifications import notify_review_waiting


def _draft(submission: Submission) -> SubmissionVersion:
    """The submission's draft; a new one starts from the latest version's content."""
    draft = submission.versions.filter(status=SubmissionVersion.Status.DRAFT).first()
    if draft:
        return draft
    guards.check_new_version_allowed(submission)
    previous = guards.latest_submitted(submission)
    draft = SubmissionVersion(
        submission=submission,
        number=guards.next_number(submission),
        text=previous.text if previous else "",
        link=previous.link if previous else "",
    )
    draft.full_clean()
    draft.save()
    if previous:
        _copy_artifacts(previous, draft)
    return draft


def _copy_artifacts(source: SubmissionVersion, target: SubmissionVersion) -> None:
    """Carry artifacts into a revision; stored files are shared, never rewritten."""
    for artifact in source.artifacts.all():
        artifact.pk = None
        artifact.uuid = uuid.uuid4()
        artifact.version = target
        artifact.save()


def _open_draft(
    enrollment: Enrollment, requirement: Requirement, today: dt.date
) -> SubmissionVersion:
    guards.check_open(enrollment=enrollment, requirement=requirement)
    guards.check_opened(enrollment=enrollment, requirement=requirement, today=today)
    if requirement.kind == Requirement.Kind.CHECKLIST:
        raise ReviewsRefused(
            messages.CHECKLIST_ANSWERS_ONLY % {"requirement": requirement.title}
        )
    submission = guards.submission_locked(
        enrollment=enrollment, requirement=requirement
    )
    return _draft(submission)


@transaction.atomic
def draft_save(
    *,
    enrollment: Enrollment,
    requirement: Requirement,
    text: str = "",
    link: str = "",
    today: dt.date | None = None,
) -> SubmissionVersion:
    """Save the text and link of the learner's draft (created when there is none),
    once submissions are open."""
    params = {"requirement": requirement.title}
    if text.strip() and not requirement.accepts_text:
        raise ReviewsRefused(messages.TEXT_NOT_ACCEPTED % params)
    if link.strip() and not requirement.accepts_links:
        raise ReviewsRefused(messages.LINK_NOT_ACCEPTED % params)
    draft = _open_draft(
        enrollment, requirement, today or offering_today(enrollment.offering)
    )
    draft.text = text.strip()
    draft.link = link.strip()
    draft.full_clean()
    draft.save()
    return draft


def _checked_upload(upload: UploadedFile) -> CheckedFile:
    try:
        return uploaded_file_check(upload)
    except UploadRefused as error:
        raise ReviewsRefused(error.message, field="file") from error


def _check_artifact(
    requirement: Requirement, *, title, upload, link, text, reflection, standards
) -> None:
    params = {"requirement": requirement.title}
    if upload is not None and not requirement.accepts_files:
        raise ReviewsRefused(messages.FILE_NOT_ACCEPTED % params, field="file")
    if link and not requirement.accepts_links:
        raise ReviewsRefused(messages.LINK_NOT_ACCEPTED % params, field="link")
    if upload is None and not link and not text:
        raise ReviewsRefused(messages.ARTIFACT_CONTENT_REQUIRED, field="file")
    if requirement.kind != Requirement.Kind.PORTFOLIO:
        return
    if not title:
        raise ReviewsRefused(messages.ARTIFACT_TITLE_REQUIRED, field="title")
    if not reflection:
        raise ReviewsRefused(messages.REFLECTION_REQUIRED, field="reflection")
    if not standards:
        raise ReviewsRefused(messages.STANDARDS_REQUIRED, field="standards")


@transaction.atomic
def artifact_add(
    *,
    enrollment: Enrollment,
    requirement: Requirement,
    title: str = "",
    upload: UploadedFile | None = None,
    link: str = "",
    text: str = "",
    reflection: str = "",
    standards: Iterable[str] = (),
    today: dt.date | None = None,
) -> Artifact:
    """Add a file, link or text to the draft, once submissions are open; a portfolio
    artifact needs a reflection and the ISTE Standards for Educators it shows."""
    title, link, text, reflection = (v.strip() for v in (title, link, text, reflection))
    standards = [s for s in IsteStandard.values if s in set(standards)]
    _check_artifact(
        requirement,
        title=title,
        upload=upload,
        link=link,
        text=text,
        reflection=reflection,
        standards=standards,
    )
    checked = _checked_upload(upload) if upload is not None else None
    draft = _open_draft(
        enrollment, requirement, today or offering_today(enrollment.offering)
    )
    count = draft.artifacts.count() + 1
    if requirement.max_artifacts is not None and count > requirement.max_artifacts:
        raise ReviewsRefused(
            messages.PORTFOLIO_FULL % {"max": requirement.max_artifacts}
        )
    artifact = Artifact(
        version=draft,
        title=title or (checked.name if checked else link or text[:60]),
        link=link,
        text=text,
        reflection=reflection,
        standards=standards,
        position=count,
    )
    if checked:
        artifact.file.save(checked.name, upload, save=False)
        artifact.file_name = checked.name[:255]
        artifact.content_type = checked.content_type
        artifact.size = checked.size
    artifact.full_clean()
    artifact.save()
    return artifact


@transaction.atomic
def artifact_remove(*, enrollment: Enrollment, artifact: Artifact) -> None:
    """Take an artifact out of the learner's draft; submitted versions keep theirs."""
    artifact = Artifact.objects.select_related("version__submission").get(
        pk=artifact.pk
    )
    version = artifact.version
    if version.submission.enrollment_id != enrollment.pk:
        raise Artifact.DoesNotExist
    if not version.is_draft:
        raise ReviewsRefused(messages.NOT_A_DRAFT)
    artifact.delete()


def _check_complete(requirement: Requirement, draft: SubmissionVersion) -> None:
    count = draft.artifacts.count()
    if not (draft.text or draft.link or count):
        raise ReviewsRefused(messages.EMPTY)
    low, high = requirement.min_artifacts, requirement.max_artifacts
    if low is not None and count < low:
        raise ReviewsRefused(messages.TOO_FEW_ARTIFACTS % {"min": low, "count": count})
    if high is not None and count > high:
        raise ReviewsRefused(
            messages.TOO_MANY_ARTIFACTS % {"max": high, "count": count}
        )


@transaction.atomic
def submission_submit(
    *,
    enrollment: Enrollment,
    requirement: Requirement,
    now: dt.datetime | None = None,
) -> SubmissionVersion:
    """Submit the learner's draft as a new version, within the deadline.

    Earlier versions and their reviews stay as they were. Sends ``progress_changed``
    and, after commit, tells the facilitators when a review is needed.
    """
    now = now or clock.now()
    today = offering_today(enrollment.offering, now)
    draft = _open_draft(enrollment, requirement, today)
    guards.check_may_submit(enrollment=enrollment, requirement=requirement, today=today)
    _check_complete(requirement, draft)
    draft.status = SubmissionVersion.Status.SUBMITTED
    draft.submitted_at = now
    draft.full_clean()
    draft.save()
    latest_version_record(version=draft)
    learner = enrollment.learner
    audit_event_record(
        actor=learner,
        action=AuditEvent.Action.SUBMISSION_SUBMITTED,
        target=draft,
        learner=learner,
        summary=f"{requirement} v{draft.number} by {learner}",
        after={"version": draft.number, "artifacts": draft.artifacts.count()},
        at=now,
    )
    progress_changed.send(
        sender=SubmissionVersion,
        learner_id=learner.pk,
        unit_id=requirement.unit_id,
        now=now,
    )
    if requirement.review_mode in guards.REVIEWED_MODES:
        notify_review_waiting(version=draft)
    return draft
