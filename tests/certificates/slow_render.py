"""The project's Celery app with its first render held up: ``celery -A
tests.certificates.slow_render worker`` lets a test kill a worker mid-render.

The first render in this media root writes the rendering process's id to
``<MEDIA_ROOT>/../rendering.pid`` and sleeps, so the test knows which process to
SIGKILL (the solo worker itself, or a prefork pool's child); any later render, in
a restarted worker or a new pool child, finds the file and renders at once.

Only the worker imports this module: imported in the test process, its signal
would hold up every in-process render there too.
"""

import os
import time

from celery.signals import task_prerun
from django.conf import settings

from credentials_portal.celery import app

from .render_hold import rendering_pid_file

__all__ = ["app"]

HOLD_SECONDS = 120


def _held_first(render):
    def render_document(**kwargs):
        marker = rendering_pid_file(settings.MEDIA_ROOT)
        if not marker.exists():
            marker.write_text(str(os.getpid()))
            time.sleep(HOLD_SECONDS)
        return render(**kwargs)

    return render_document


@task_prerun.connect
def _hold_the_first_render(sender=None, **kwargs):
    """Wrap the renderer in the process that runs tasks (a pool child, or the solo
    worker), once Django is set up there."""
    from certificates.services import issuance

    if not getattr(issuance.render_document, "held", False):
        issuance.render_document = _held_first(issuance.render_document)
        issuance.render_document.held = True
