"""Imported CSV cells that a spreadsheet would run as a formula are refused.

A name such as ``=cmd|' /C calc'!A0`` or ``=HYPERLINK("http://...")`` is harmless
in the portal's pages (escaped like any text) but runs when an admin later opens
an export in Excel or LibreOffice. The imports (group-order participants, past
completions) refuse such a cell with a message naming its line, rather than
storing it: no real name or source starts with these characters (OWASP's list).
"""

from django.utils.translation import gettext_lazy as _

# Also the prefixes the reports' CSV writer escapes (``reports.csv_writer``).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

CELL_FORMULA = _(
    "%(where)s: “%(value)s” starts with %(char)s, which a spreadsheet runs as a "
    "formula. Remove that character and upload the file again."
)


def formula_refusal(*, where: str, value: str) -> str | None:
    """The message refusing ``value`` (a stripped cell) at ``where``, or None."""
    if not value.startswith(FORMULA_PREFIXES):
        return None
    char = repr(value[0]) if value[0] in "\t\r" else value[0]
    return str(CELL_FORMULA % {"where": where, "value": value, "char": char})
