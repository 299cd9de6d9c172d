"""The providers' retention policies: the notices before, the deletion on the day.

The run deletes exactly what ``retention_due`` lists for its day (the admin's
preview). Artifact rows are marked (``file_deleted_at``) and audited one by one,
with one audit event for the run and its counts, in one transaction; the stored
files are deleted last, inside it: a failure rolls the marks back and the next
run does it again (deleting a file already gone is a no-op). Reviews, scores,
awards and the audit trail are never touched.
"""

import datetime as dt
from collections import Counter

from django.core.files.storage import default_storage
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from audit.models import AuditEvent
from audit.services import audit_event_record
from core.dates import format_date
from core.site import site_context
from reviews.models import Artifact

from ..models import RetentionNotice, RetentionRun
from ..selectors import RetentionWarning, retention_due, retention_notices_due

NOTICE_SUBJECT = _("Your files for %(unit)s will be deleted on %(date)s")


def _mark(artifact: Artifact, *, now: dt.datetime) -> None:
    artifact.file_deleted_at = now
    artifact.save(update_fields=["file_deleted_at"])
    enrollment = artifact.version.submission.enrollment
    audit_event_record(
        actor=None,
        action=AuditEvent.Action.ARTIFACT_FILE_DELETED,
        target=artifact,
        learner=enrollment.learner,
        summary=f"{artifact.file_name or artifact.title}: file deleted "
        f"({enrollment.offering}, retention policy)",
        before={"file": artifact.file.name},
        after={"file_deleted_at": now},
        at=now,
    )


@transaction.atomic
def retention_apply(*, today: dt.date, now: dt.datetime) -> RetentionRun:
    """Delete the files due on ``today``; returns the run, with its counts."""
    groups = retention_due(today=today)
    ids = [artifact.pk for group in groups for artifact in group.artifacts]
    # Locked in primary-key order, as every writer of artifacts may lock them.
    locked = set(
        Artifact.objects.select_for_update()
        .filter(pk__in=ids, file_deleted_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    counts, names = [], set()
    for group in groups:
        marked = [a for a in group.artifacts if a.pk in locked]
        for artifact in marked:
            _mark(artifact, now=now)
        files = sorted({a.file.name for a in marked})
        names.update(files)
        counts.append(
            {
                "provider": group.run.provider.name,
                "offering": str(group.run.offering),
                "deletion_day": group.run.deletion_day.isoformat(),
                "files": len(files),
                "artifacts": len(marked),
            }
        )
    run = RetentionRun.objects.create(
        ran_at=now,
        day=today,
        files_deleted=len(names),
        artifacts_marked=len(locked),
        counts=counts,
    )
    audit_event_record(
        actor=None,
        action=AuditEvent.Action.RETENTION_RUN,
        target=run,
        summary=f"Retention policy: {len(names)} files deleted "
        f"({len(locked)} artifacts marked) in {len(groups)} runs",
        after={"counts": counts, "by_provider": _by_provider(counts)},
        at=now,
    )
    for name in sorted(names):
        default_storage.delete(name)
    return run


def _by_provider(counts: list[dict]) -> dict[str, int]:
    totals: Counter[str] = Counter()
    for row in counts:
        totals[row["provider"]] += row["files"]
    return dict(totals)


def _notice_claim(warning: RetentionWarning, *, now: dt.datetime) -> bool:
    """Write the notice's row (the claim); False when it was already sent."""
    try:
        with transaction.atomic():
            RetentionNotice.objects.create(
                enrollment=warning.enrollment,
                deletion_day=warning.deletion_day,
                claimed_at=now,
            )
    except IntegrityError:
        return False
    return True


def _notice_send(warning: RetentionWarning) -> None:
    enrollment = warning.enrollment
    unit = enrollment.offering.unit
    body = render_to_string(
        "learnerdata/email/retention_notice.txt",
        {
            "enrollment": enrollment,
            "unit": unit,
            "provider": unit.provider,
            "deletion_day": warning.deletion_day,
            "path": reverse("learnerdata:mine"),
            **site_context(),
        },
    )
    subject = NOTICE_SUBJECT % {
        "unit": unit.label,
        "date": format_date(warning.deletion_day),
    }
    send_mail(str(subject), body, None, [enrollment.learner.email])


def retention_notices_send(*, today: dt.date, now: dt.datetime) -> int:
    """Email each learner whose files are deleted soon, once per run and day
    (the claim commits before the email is handed to the mail server)."""
    sent = 0
    for warning in retention_notices_due(today=today):
        if _notice_claim(warning, now=now):
            _notice_send(warning)
            sent += 1
    return sent
