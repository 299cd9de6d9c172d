"""Learning records: enrollments, group orders and invoices, attendance, exceptions."""

from .enrollment import Attendance, Enrollment, Extension, PastCompletion
from .orders import GroupOrder, Invoice, InvoiceLine, Participant

__all__ = [
    "Attendance",
    "Enrollment",
    "Extension",
    "GroupOrder",
    "Invoice",
    "InvoiceLine",
    "Participant",
    "PastCompletion",
]
