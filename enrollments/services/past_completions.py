"""Past completions: units completed before they were tracked here, imported by an
admin (a form or a CSV file with the columns email, unit_slug, completed_on,
source), checked here and written by a job in the worker
(``past_completion_bulk``). Each one announces ``progress_changed`` so that,
say, two earlier CMTE workshops count toward the Certificate without retaking
them."""

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.csv_cells import formula_refusal
from programs.models import Unit

from ..models import PastCompletion
from ..signals import progress_changed

COLUMNS = ["email", "unit_slug", "completed_on", "source"]
MISSING_COLUMNS = _(
    "The file needs the columns email, unit_slug, completed_on, source."
)
NO_ROWS = _("The file holds no rows.")
LINE = _("Line %(line)s")
UNKNOWN_LEARNER = _("Line %(line)s: no learner has the email %(email)s.")
UNKNOWN_UNIT = _("Line %(line)s: no unit has the slug %(slug)s.")
BAD_DATE = _("Line %(line)s: %(value)s is not a date (use YYYY-MM-DD).")
FUTURE_DATE = _("Line %(line)s: %(date)s is in the future.")
TOO_EARLY = _(
    "Line %(line)s: %(date)s is before %(earliest)s; check the year of the date."
)
SOURCE_TOO_LONG = _(
    "Line %(line)s: the source is %(length)s characters long; at most %(limit)s fit."
)
# No unit the portal certifies was completed earlier: an earlier date is a typo
# (or a spreadsheet's empty date, 0001-01-01).
EARLIEST_COMPLETION = dt.date(1990, 1, 1)
ALREADY_RECORDED = _("Line %(line)s: %(email)s already has %(unit)s recorded.")
REPEATED = _("Line %(line)s repeats an earlier line for %(email)s and %(unit)s.")


@dataclass(frozen=True)
class PastCompletionRow:
    learner: object
    unit: Unit
    completed_on: dt.date
    source: str


@transaction.atomic
def past_completion_record(
    *, learner, unit: Unit, completed_on: dt.date, source: str, imported_by
) -> PastCompletion:
    """Record one past completion and announce the learner's progress."""
    completion = PastCompletion(
        learner=learner,
        unit=unit,
        completed_on=completed_on,
        source=source,
        imported_by=imported_by,
    )
    completion.full_clean()
    completion.save()
    progress_changed.send(sender=PastCompletion, learner_id=learner.pk, unit_id=unit.pk)
    return completion


def _header(fieldnames: Sequence[str] | None) -> list[str]:
    return [name.strip().lower().replace(" ", "_") for name in fieldnames or []]


def _parse_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


def past_completion_rows_read(
    *, text: str, today: dt.date
) -> tuple[list[PastCompletionRow], list[str]]:
    """The rows of a CSV import and every error found, each naming its line."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    reader.fieldnames = _header(reader.fieldnames)
    if not set(COLUMNS) <= set(reader.fieldnames):
        return [], [str(MISSING_COLUMNS)]
    lines = [(number, row) for number, row in enumerate(reader, start=2)]
    if not lines:
        return [], [str(NO_ROWS)]
    emails = {(row["email"] or "").strip().lower() for _, row in lines}
    slugs = {(row["unit_slug"] or "").strip() for _, row in lines}
    learners = {u.email: u for u in get_user_model().objects.filter(email__in=emails)}
    units = {u.slug: u for u in Unit.objects.filter(slug__in=slugs)}
    recorded = set(
        PastCompletion.objects.filter(
            learner__in=learners.values(), unit__in=units.values()
        ).values_list("learner_id", "unit_id")
    )
    rows, errors, seen = [], [], set()
    for number, row in lines:
        error, parsed = _check_row(number, row, learners, units, today)
        if parsed:
            key = (parsed.learner.pk, parsed.unit.pk)
            params = {
                "line": number,
                "email": parsed.learner.email,
                "unit": parsed.unit,
            }
            if key in recorded:
                error = ALREADY_RECORDED % params
            elif key in seen:
                error = REPEATED % params
            seen.add(key)
        if error:
            errors.append(str(error))
        else:
            rows.append(parsed)
    return rows, errors


def _check_row(number, row, learners, units, today):
    email = (row["email"] or "").strip().lower()
    slug = (row["unit_slug"] or "").strip()
    value = (row["completed_on"] or "").strip()
    completed_on = _parse_date(value)
    if email not in learners:
        return UNKNOWN_LEARNER % {"line": number, "email": email}, None
    if slug not in units:
        return UNKNOWN_UNIT % {"line": number, "slug": slug}, None
    if completed_on is None:
        return BAD_DATE % {"line": number, "value": value}, None
    if completed_on > today:
        return FUTURE_DATE % {"line": number, "date": completed_on.isoformat()}, None
    if completed_on < EARLIEST_COMPLETION:
        return TOO_EARLY % {
            "line": number,
            "date": completed_on.isoformat(),
            "earliest": EARLIEST_COMPLETION.isoformat(),
        }, None
    source = (row.get("source") or "").strip()
    limit = PastCompletion._meta.get_field("source").max_length
    if limit is not None and len(source) > limit:
        return SOURCE_TOO_LONG % {
            "line": number,
            "length": len(source),
            "limit": limit,
        }, None
    if refusal := formula_refusal(where=LINE % {"line": number}, value=source):
        return refusal, None
    return None, PastCompletionRow(learners[email], units[slug], completed_on, source)
