"""Re-rendering an issued award's documents: a template fix reaches the PDFs
already issued. Runs in the worker (WeasyPrint)."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.refusal import Refusal

from ..models import Award, AwardDocument, AwardEvent
from ..rendering import render_document
from ..storage import document_file_write

NOTHING_TO_RERENDER = _(
    "This award has no documents yet (it is pending or failed): it is rendered "
    "when it is issued."
)


def award_rerender(*, award: Award, actor, detail: dict | None = None) -> Award:
    """Render the award's documents again from its frozen snapshot, with the
    template files of the snapshot's version as they are now.

    The documents are rendered before the award's row is locked (the snapshot
    never changes), so a revocation or the status list never waits on a render;
    under the lock each document's file is replaced in place (same name,
    atomically) and its row updated. The award's snapshot, dates, verification
    code and status do not change, and the ``RERENDERED`` event keeps each
    document's former size and when it was first rendered.
    """
    kinds = set(award.documents.values_list("kind", flat=True))
    rendered = {
        output["kind"]: render_document(award=award, output=output)
        for output in award.snapshot.get("documents", [])
        if output["kind"] in kinds
    }
    if not rendered:
        raise Refusal(NOTHING_TO_RERENDER)
    with transaction.atomic():
        award = Award.objects.select_for_update().get(pk=award.pk)
        changes = [
            _document_replace(document, rendered[document.kind])
            for document in award.documents.filter(kind__in=rendered)
        ]
        AwardEvent.objects.create(
            award=award,
            kind=AwardEvent.Kind.RERENDERED,
            actor=actor,
            detail={**(detail or {}), "documents": changes},
        )
    return award


def _document_replace(document: AwardDocument, pdf: bytes) -> dict:
    before = document.size_bytes
    document_file_write(document, pdf)
    document.size_bytes = len(pdf)
    document.save(update_fields=["file", "size_bytes"])
    return {
        "kind": document.kind,
        "bytes_before": before,
        "bytes_after": len(pdf),
        "first_rendered_at": document.created_at.isoformat(),
    }
