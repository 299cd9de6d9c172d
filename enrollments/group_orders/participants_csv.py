"""Participants of a group order from a CSV upload or typed lines (pure: no database).

A CSV has the header ``name,email``; a typed list has one ``Name, email`` per line.
Both tolerate a byte-order mark, blank lines and extra whitespace, and report every
bad row with its number so the leader can fix them all at once: an email listed
twice among them, with the row that listed it first.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from core.csv_cells import formula_refusal

HEADER = ("name", "email")
ROW = _("Row %(row)s")
LINE = _("Line %(row)s")

MISSING_HEADER = _("The first row must be the header: name,email.")
ROW_SHAPE = _("Row %(row)s: give a name and an email address.")
ROW_NAME_MISSING = _("Row %(row)s: the name is missing.")
ROW_BAD_EMAIL = _("Row %(row)s: '%(email)s' is not a valid email address.")
LINE_SHAPE = _("Line %(row)s: write the name, a comma, then the email address.")
LINE_NAME_MISSING = _("Line %(row)s: the name is missing.")
LINE_BAD_EMAIL = _("Line %(row)s: '%(email)s' is not a valid email address.")
ROW_REPEATED = _("Row %(row)s: %(email)s is already listed on row %(first)s.")
LINE_REPEATED = _("Line %(row)s: %(email)s is already listed on line %(first)s.")


@dataclass
class Parsed:
    """Participants as (name, email) pairs, emails lower-cased, and row errors."""

    participants: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    first_row: dict[str, int] = field(default_factory=dict)  # email -> its row


def _check(row: int, name: str, email: str, parsed: Parsed, messages: tuple) -> None:
    where, name_missing, bad_email, repeated = messages
    name, email = " ".join(name.split()), email.strip()
    for value in (name, email):
        if refusal := formula_refusal(where=where % {"row": row}, value=value):
            parsed.errors.append(refusal)
            return
    if not name:
        parsed.errors.append(str(name_missing % {"row": row}))
        return
    try:
        validate_email(email)
    except ValidationError:
        parsed.errors.append(str(bad_email % {"row": row, "email": email}))
        return
    email = email.lower()
    if email in parsed.first_row:
        first = parsed.first_row[email]
        parsed.errors.append(
            str(repeated % {"row": row, "email": email, "first": first})
        )
        return
    parsed.first_row[email] = row
    parsed.participants.append((name, email))


def parse_csv(text: str) -> Parsed:
    """Participants from CSV text whose first non-blank row is ``name,email``."""
    parsed = Parsed()
    rows = [
        (number, cells)
        for number, cells in enumerate(
            csv.reader(io.StringIO(text.lstrip("\ufeff"))), 1
        )
        if any(cell.strip() for cell in cells)
    ]
    if not rows or tuple(c.strip().lower() for c in rows[0][1]) != HEADER:
        parsed.errors.append(str(MISSING_HEADER))
        return parsed
    for number, cells in rows[1:]:
        if len(cells) != len(HEADER):
            parsed.errors.append(str(ROW_SHAPE % {"row": number}))
            continue
        _check(
            number,
            cells[0],
            cells[1],
            parsed,
            (ROW, ROW_NAME_MISSING, ROW_BAD_EMAIL, ROW_REPEATED),
        )
    return parsed


def parse_lines(text: str) -> Parsed:
    """Participants typed one per line as ``Name, email``; the last comma splits."""
    parsed = Parsed()
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), 1):
        if not line.strip():
            continue
        if "," not in line:
            parsed.errors.append(str(LINE_SHAPE % {"row": number}))
            continue
        name, email = line.rsplit(",", 1)
        _check(
            number,
            name,
            email,
            parsed,
            (LINE, LINE_NAME_MISSING, LINE_BAD_EMAIL, LINE_REPEATED),
        )
    return parsed
