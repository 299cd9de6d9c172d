"""The learner's download of everything: requested on a page, built by the worker.

``data_export_build`` is idempotent: the delivery that builds claims the row
first (``claimed_at``, committed), so a second delivery of the task (``acks_late``)
finds the claim and builds nothing; a claim older than ``STALE_CLAIM`` (longer
than the task's time limit) was left by a worker that died, and is taken over.
The ZIP is written to a temporary file outside any transaction, stored under the
export's folder, and the row is marked ready in one short locked transaction.
"""

import datetime as dt
import logging
import tempfile
import time

from django.core.files import File
from django.core.files.storage import default_storage
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from audit.models import AuditEvent
from audit.services import audit_event_record
from core import clock
from core.refusal import Refusal
from core.site import absolute_url, site_context
from core.transient import TRANSIENT_ERRORS

from ..enqueue import export_build_on_commit, export_build_send
from ..models import DataExport, export_path

logger = logging.getLogger(__name__)

ALREADY_PREPARING = _(
    "Your download is already being prepared: this page shows when it is ready. "
    "You can ask for another once it is."
)
UNEXPECTED = _(
    "Your download could not be prepared; the team has been told. Please try "
    "again later."
)
READY_SUBJECT = _("Your data is ready to download")
# How long a ready download is kept before the sweep deletes it.
KEEP_DAYS = 7
# Longer than the task's hard time limit: a claim this old has no worker left.
STALE_CLAIM = dt.timedelta(minutes=30)
ARCHIVE_NAME = "credentials-portal-data.zip"
PROGRESS_EVERY_SECONDS = 1.0


@transaction.atomic
def data_export_request(*, learner) -> DataExport:
    """A new download for ``learner``, built by the worker after commit; refused
    while one is queued or being prepared."""
    if DataExport.objects.filter(learner=learner, status__in=DataExport.LIVE).exists():
        raise Refusal(ALREADY_PREPARING)
    try:
        with transaction.atomic():
            export = DataExport.objects.create(learner=learner)
    except IntegrityError as error:  # the constraint: a second request meanwhile
        raise Refusal(ALREADY_PREPARING) from error
    audit_event_record(
        actor=learner,
        action=AuditEvent.Action.DATA_EXPORT_REQUESTED,
        target=export,
        learner=learner,
        summary=f"Download of everything requested by {learner}",
    )
    export_build_on_commit(export.pk)
    return export


def _claim(export_id: int, now: dt.datetime) -> DataExport | None:
    """Claim the export for this delivery, or None when it is done or another
    delivery is building it."""
    with transaction.atomic():
        export = DataExport.objects.select_for_update().get(pk=export_id)
        if not export.is_live:
            return None
        claimed = export.claimed_at
        if claimed is not None and claimed > now - STALE_CLAIM:
            return None  # another delivery holds a claim its worker still honours
        export.status = DataExport.Status.RUNNING
        export.claimed_at = now
        export.attempts += 1
        export.save(update_fields=["status", "claimed_at", "attempts"])
        return export


def _release(export: DataExport) -> None:
    """Give the claim back (a transient error): the retry claims it again."""
    DataExport.objects.filter(pk=export.pk, claimed_at=export.claimed_at).update(
        status=DataExport.Status.QUEUED, claimed_at=None
    )


class _Progress:
    """Writes the count at most every second: the page polls it."""

    def __init__(self, export: DataExport):
        self.export_id, self.last = export.pk, 0.0

    def __call__(self, done: int) -> None:
        if time.monotonic() - self.last >= PROGRESS_EVERY_SECONDS:
            self.last = time.monotonic()
            DataExport.objects.filter(pk=self.export_id).update(done=done)


def _store(export: DataExport, *, today: dt.date) -> tuple[str, int]:
    """Build the archive and store it; returns its stored name and size."""
    from ..export.archive import archive_write, readme_text
    from ..export.sections import export_sections

    learner = export.learner
    sections = export_sections(learner=learner, today=today)
    total = sum(len(section.items) for section in sections)
    DataExport.objects.filter(pk=export.pk).update(total=total, done=0)
    readme = readme_text(
        sections=sections,
        learner_name=learner.display_name,
        site=site_context()["site_name"],
        day=today,
    )
    with tempfile.TemporaryFile() as target:
        archive_write(
            target, sections=sections, readme=readme, progress=_Progress(export)
        )
        size = target.tell()
        target.seek(0)
        name = export_path(export, ARCHIVE_NAME)
        default_storage.delete(name)  # a dead attempt's file
        stored = default_storage.save(name, File(target))
    return stored, size


def _ready(export: DataExport, *, stored: str, size: int, today: dt.date) -> DataExport:
    with transaction.atomic():
        locked = DataExport.objects.select_for_update().get(pk=export.pk)
        if locked.claimed_at != export.claimed_at or not locked.is_live:
            return locked  # taken over by another delivery: it finishes it
        locked.status = DataExport.Status.READY
        locked.file.name = stored
        locked.size_bytes = size
        locked.done = locked.total
        locked.finished_at = clock.now()
        locked.expires_on = today + dt.timedelta(days=KEEP_DAYS)
        locked.full_clean(validate_constraints=False)
        locked.save()
        _mail_ready_on_commit(locked)
    return locked


def _mail_ready_on_commit(export: DataExport) -> None:
    body = render_to_string(
        "learnerdata/email/export_ready.txt",
        {
            "export": export,
            "url": absolute_url(export.get_absolute_url()),
            **site_context(),
        },
    )
    to = [export.learner.email]
    subject = str(READY_SUBJECT)
    transaction.on_commit(lambda: send_mail(subject, body, None, to))


def data_export_fail(*, export_id: int, message: str = "") -> DataExport:
    """Mark a live export failed (retries ran out, or an unexpected error)."""
    with transaction.atomic():
        export = DataExport.objects.select_for_update().get(pk=export_id)
        if export.is_live:
            export.status = DataExport.Status.FAILED
            export.message = message or str(UNEXPECTED)
            export.finished_at = clock.now()
            export.save(update_fields=["status", "message", "finished_at"])
        return export


def data_export_build(*, export_id: int, today: dt.date) -> DataExport:
    """Build the learner's archive once; a transient error is raised for the task
    to retry (the claim given back), any other fails the export."""
    export = _claim(export_id, clock.now())
    if export is None:
        return DataExport.objects.get(pk=export_id)
    try:
        stored, size = _store(export, today=today)
    except TRANSIENT_ERRORS:
        _release(export)
        raise
    except Exception:
        logger.exception("Building data export %s failed", export_id)
        return data_export_fail(export_id=export_id)
    return _ready(export, stored=stored, size=size, today=today)


def data_exports_expire(*, today: dt.date) -> int:
    """Delete the files of ready downloads past their last day; returns how many."""
    expired = 0
    for export_id in DataExport.objects.filter(
        status=DataExport.Status.READY, expires_on__lt=today
    ).values_list("pk", flat=True):
        with transaction.atomic():
            export = DataExport.objects.select_for_update().get(pk=export_id)
            if export.status != DataExport.Status.READY:
                continue
            default_storage.delete(export.file.name)
            export.status = DataExport.Status.EXPIRED
            export.deleted_at = clock.now()
            export.save(update_fields=["status", "deleted_at"])
            expired += 1
    return expired


# A queued export the worker has not claimed after this long was most likely
# never delivered (the broker was down when it was asked for).
UNCLAIMED_AFTER = dt.timedelta(minutes=5)


def data_exports_resend(*, now: dt.datetime) -> list[int]:
    """Send again the exports still queued ``UNCLAIMED_AFTER`` after they were
    asked for (safe: a second delivery builds nothing)."""
    ids = list(
        DataExport.objects.filter(
            status=DataExport.Status.QUEUED, created_at__lte=now - UNCLAIMED_AFTER
        )
        .order_by("created_at")
        .values_list("pk", flat=True)
    )
    for export_id in ids:
        export_build_send(export_id)
    return ids
