"""The one subscription of certificates: a learner's progress changed."""

from core import clock

from .services.evaluation import progress_evaluate


def on_progress_changed(sender, *, learner_id: int, unit_id: int, **kwargs) -> None:
    """Evaluate inside the sender's transaction: the pending awards it writes
    commit or roll back with the progress that earned them."""
    progress_evaluate(learner_id=learner_id, unit_id=unit_id, today=clock.today())
