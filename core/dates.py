"""Dates as the portal writes them in messages, email subjects and summaries.

The one home of the written date in Python: Django's localized ``DATE_FORMAT``
("Dec. 1, 2026" in English), the same as the ``|date`` filter with no argument in
templates. No hand-written patterns in Python (the "no padding" day flag exists
only on glibc).
"""

import datetime as dt

from django.utils import formats


def format_date(day: dt.date) -> str:
    return formats.date_format(day, "DATE_FORMAT")
