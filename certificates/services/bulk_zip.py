"""The ZIP of a bulk job's PDFs: each award checked on its own, then packed once.

Checking an award (its documents are stored and readable) is the per-award step
the job's progress counts; packing reads the awards checked, in the job's order,
into one archive written under the job's id, replacing any earlier attempt's
(a worker killed while packing leaves nothing half-written: the archive is
stored whole, atomically). So a restarted job packs the same archive again.
"""

import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from typing import IO

from django.core.files.storage import default_storage
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.refusal import Refusal
from enrollments.jobs.models import BulkJob

from ..models import Award, BulkAwardItem
from ..storage import stored_stream_replace

NO_PDF = _("This award has no PDF yet (it is pending or failed).")
PDF_MISSING = _("The PDF %(name)s is missing from the storage.")


def award_pdfs_check(*, award: Award) -> None:
    """Refuse an award with no stored PDF; the ZIP takes those that have one."""
    documents = list(award.documents.all())
    if not documents:
        raise Refusal(NO_PDF)
    for document in documents:
        if not default_storage.exists(document.file.name):
            raise Refusal(PDF_MISSING % {"name": document.file.name})


def zip_name(job: BulkJob) -> str:
    return f"bulk-jobs/{job.public_id}/awards.zip"


def zip_entry_name(award: Award, filename: str) -> str:
    """``<learner>-<code>/<document>.pdf``: one folder per award, named for
    people and unique by the verification code."""
    learner = slugify(award.snapshot.get("name", "")) or "award"
    return f"{learner}-{award.verification_code}/{filename}"


def bulk_zip_pack(*, job: BulkJob) -> str:
    """Pack the PDFs of the job's awards checked done; return the stored name."""
    items = (
        BulkAwardItem.objects.filter(job=job, outcome=BulkAwardItem.Outcome.DONE)
        .select_related("award")
        .prefetch_related("award__documents")
        .order_by("pk")
    )
    with tempfile.TemporaryFile() as packed:
        _pack(items.iterator(chunk_size=200), packed)
        name = zip_name(job)
        stored_stream_replace(name, packed)
    return name


def _pack(items: Iterable[BulkAwardItem], packed: IO[bytes]) -> None:
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_STORED) as archive:
        for item in items:
            award = item.award
            stamp = (*award.earned_on.timetuple()[:3], 0, 0, 0)
            for document in award.documents.all():
                entry = zipfile.ZipInfo(
                    zip_entry_name(award, document.filename), date_time=stamp
                )
                with document.file.open("rb") as pdf, archive.open(entry, "w") as out:
                    shutil.copyfileobj(pdf, out)
