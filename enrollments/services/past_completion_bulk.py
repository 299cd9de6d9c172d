"""Writing a checked past-completion import in bulk, in the worker's job.

The rows were read and checked by ``past_completion_rows_read`` when the admin
sent the file; the job reads them again here (a learner may have had one
recorded since), inside the one transaction that writes them all.
"""

import datetime as dt
from collections.abc import Callable

from django.db import transaction

from core.refusal import Refusal

from ..models import PastCompletion
from ..signals import progress_changed
from .past_completions import past_completion_rows_read


class ImportRefused(Refusal):
    """The import was refused; ``message`` lists every line at fault."""


@transaction.atomic
def past_completions_write(
    *,
    text: str,
    imported_by,
    today: dt.date,
    progress: Callable[[int], None] = lambda done: None,
) -> int:
    """Record every row or none and re-evaluate each learner's progress; returns
    how many were recorded. One insert for all the rows, then one
    ``progress_changed`` per row (its evaluation is the long part), each counted
    through ``progress``."""
    rows, errors = past_completion_rows_read(text=text, today=today)
    if errors:
        raise ImportRefused("\n".join(errors))
    completions = PastCompletion.objects.bulk_create(
        PastCompletion(
            learner=row.learner,  # type: ignore[misc]  # a User, typed object
            unit=row.unit,
            completed_on=row.completed_on,
            source=row.source,
            imported_by=imported_by,
        )
        for row in rows
    )
    for done, completion in enumerate(completions, start=1):
        progress_changed.send(
            sender=PastCompletion,
            learner_id=completion.learner_id,
            unit_id=completion.unit_id,
        )
        progress(done)
    return len(completions)
