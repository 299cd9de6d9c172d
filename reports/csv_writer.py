"""The one CSV writer of the reports: every export goes through ``csv_response``.

Spreadsheet-friendly and safe to open:

- UTF-8 with a byte-order mark, so Excel reads names with accents correctly;
- dates as ISO 8601 (``2026-11-23``), amounts as plain decimals (``300.00``,
  the currency in a column of its own), empty cells for missing values;
- every cell quoted, and a cell starting with ``=``, ``+``, ``-``, ``@``, a tab
  or a carriage return prefixed with ``'``, so that a spreadsheet shows it as
  text instead of running it as a formula (OWASP, "CSV Injection"). Learners'
  names and organisations are stored as typed, hence the escaping here, in the
  writer, for every cell of every export;
- streamed row by row, so a large table never sits in memory.
"""

import csv
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

from django.http import StreamingHttpResponse
from django.utils import timezone

from core.csv_cells import FORMULA_PREFIXES

BOM = "\ufeff"


def cell(value: object) -> str:
    """One value as the text of a cell, escaped if a spreadsheet would evaluate it."""
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, dt.datetime):
        text = timezone.localtime(value).date().isoformat()
    elif isinstance(value, dt.date):
        text = value.isoformat()
    elif isinstance(value, Decimal):
        text = f"{value:f}"
    else:
        text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


class _Echo:
    """A file-like object whose ``write`` hands the line back (Django's recipe)."""

    def write(self, value: str) -> str:
        return value


def csv_lines(
    header: list[str], rows: Iterable[object], row_values: Callable[[object], list]
) -> Iterator[str]:
    writer = csv.writer(_Echo(), quoting=csv.QUOTE_ALL)
    yield BOM + writer.writerow([cell(title) for title in header])
    for row in rows:
        yield writer.writerow([cell(value) for value in row_values(row)])


def csv_response(
    *,
    filename: str,
    header: list[str],
    rows: Iterable[object],
    row_values: Callable[[object], list],
) -> StreamingHttpResponse:
    """A streamed ``text/csv`` download of ``rows``, one line per row."""
    return StreamingHttpResponse(
        csv_lines(header, rows, row_values),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
