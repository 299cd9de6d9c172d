"""Learning records: enrollments, group orders and invoices, attendance, exceptions."""

from .enrollment import Attendance, Enrollment, Extension, PastCompletion
from .orders import GroupOrder, Invoice, InvoiceLine, Participant
from .payments import Payment
from .retakes import RetakeAllowance

__all__ = [
    "Attendance",
    "Enrollment",
    "Extension",
    "GroupOrder",
    "Invoice",
    "InvoiceLine",
    "Participant",
    "PastCompletion",
    "Payment",
    "RetakeAllowance",
]
