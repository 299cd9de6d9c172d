"""The portal's English date formats ("Dec 1, 2026"), found through
``FORMAT_MODULE_PATH``; every other format is Django's English default.

Templates print dates with ``|date`` (``DATE_FORMAT``) or ``|date:"DATETIME_FORMAT"``,
Python with ``core.dates.format_date``.
"""

DATE_FORMAT = "M j, Y"
DATETIME_FORMAT = "M j, Y, g:i A"
