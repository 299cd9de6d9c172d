"""Writes of the ledger from the web side: held certificates, credits earned
elsewhere and their verification, PDF requests; and the reminders sweep.

Rendering lives in ``ledger.services.rendering`` (worker only: it imports
WeasyPrint).
"""

from .certificates import held_certificate_record, held_certificate_update
from .outside import outside_credit_add, outside_credit_verify
from .pdf import ledger_pdf_request
from .reminders import ledger_reminders_send

__all__ = [
    "held_certificate_record",
    "held_certificate_update",
    "ledger_pdf_request",
    "ledger_reminders_send",
    "outside_credit_add",
    "outside_credit_verify",
]
