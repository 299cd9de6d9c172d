"""Attendance at sessions: registers, QR check-in, and what learners see of it."""
