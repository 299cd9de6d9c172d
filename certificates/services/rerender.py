"""Re-rendering an issued award's documents: a template fix reaches the PDFs
already issued. Runs in the worker (WeasyPrint)."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.refusal import Refusal

from ..models import Award, AwardEvent
from ..rendering import render_document
from ..storage import document_file_write

NOTHING_TO_RERENDER = _(
    "This award has no documents yet (it is pending or failed): it is rendered "
    "when it is issued."
)


@transaction.atomic
def award_rerender(*, award: Award, actor, detail: dict | None = None) -> Award:
    """Render the award's documents again from its frozen snapshot, with the
    template files of the snapshot's version as they are now.

    Each document's file is replaced in place (same name, atomically): the award's
    snapshot, dates, verification code and status do not change, and the
    ``RERENDERED`` event keeps each document's former size and when it was first
    rendered. The award's row is locked, so the issue task and a revocation wait.
    """
    award = Award.objects.select_for_update().get(pk=award.pk)
    documents = {document.kind: document for document in award.documents.all()}
    outputs = [o for o in award.snapshot.get("documents", []) if o["kind"] in documents]
    if not outputs:
        raise Refusal(NOTHING_TO_RERENDER)
    changes = []
    for output in outputs:
        document = documents[output["kind"]]
        before = document.size_bytes
        pdf = render_document(award=award, output=output)
        document_file_write(document, pdf)
        document.size_bytes = len(pdf)
        document.save(update_fields=["file", "size_bytes"])
        changes.append(
            {
                "kind": document.kind,
                "bytes_before": before,
                "bytes_after": len(pdf),
                "first_rendered_at": document.created_at.isoformat(),
            }
        )
    AwardEvent.objects.create(
        award=award,
        kind=AwardEvent.Kind.RERENDERED,
        actor=actor,
        detail={**(detail or {}), "documents": changes},
    )
    return award
