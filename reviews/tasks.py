"""Periodic work of the reviews app: thin wrappers that call one service."""

from celery import shared_task

from .services.notifications import deadline_reminders_send


@shared_task(acks_late=True, reject_on_worker_lost=True, time_limit=600)
def deadline_reminders_task() -> int:
    """Daily: remind learners of deadlines in the coming days (each once)."""
    return deadline_reminders_send()
