"""Rendering a learner's ledger PDF. Runs in the Celery worker (WeasyPrint).

The document's row is locked while the new file is stored under a fresh name
and the row pointed at it; the folder's other files are deleted after commit, so
each learner has one current file and a reader never finds the row naming a
missing one.
"""

import datetime as dt
from collections.abc import Sequence

from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string

from certificates.rendering import render_pdf
from certificates.storage import learner_pdf_store
from core.site import site_context

from ..models import LedgerDocument, ledger_document_path
from ..selectors import LedgerLine, ledger_lines_for


def ledger_html(*, learner, lines: Sequence[LedgerLine], today: dt.date) -> str:
    return render_to_string(
        "ledger/pdf/ledger.html",
        {"learner": learner, "lines": lines, "produced_on": today, **site_context()},
    )


def ledger_pdf_bytes(
    *, learner, lines: Sequence[LedgerLine] | None = None, today: dt.date
) -> bytes:
    """The ledger as a PDF produced ``today``, not stored: the stored document
    and the learner's download of everything both come from here. ``lines``:
    the learner's ledger when the caller has read it already."""
    if lines is None:
        lines = ledger_lines_for(learner=learner)
    return render_pdf(ledger_html(learner=learner, lines=lines, today=today))


def ledger_pdf_render(*, learner_id: int, today: dt.date) -> LedgerDocument | None:
    """Render and store the learner's ledger; None if they never asked for one."""
    with transaction.atomic():
        document = (
            LedgerDocument.objects.select_for_update()
            .filter(learner_id=learner_id)
            .first()
        )
        if document is None:
            return None
        learner = get_user_model().objects.get(pk=learner_id)
        content = ledger_pdf_bytes(learner=learner, today=today)
        document.produced_on = today
        document.status = LedgerDocument.Status.READY
        document.last_error = ""
        learner_pdf_store(
            document, path=ledger_document_path, prefix="ledger", content=content
        )
    return document


@transaction.atomic
def ledger_pdf_fail(*, learner_id: int, error: Exception) -> None:
    """Record why the PDF could not be made: the page offers to try again."""
    LedgerDocument.objects.filter(learner_id=learner_id).update(
        status=LedgerDocument.Status.FAILED, last_error=repr(error)[:2000]
    )
