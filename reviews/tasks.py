"""Periodic work of the reviews app: thin wrappers that call one service."""

from core.tasks import worker_task

from .services.notifications import deadline_reminders_send


@worker_task("reviews.tasks.deadline_reminders_task", time_limit=600)
def deadline_reminders_task() -> int:
    """Daily: remind learners of deadlines in the coming days (each once)."""
    return deadline_reminders_send()
