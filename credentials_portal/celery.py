"""The Celery application, after Celery's own Django recipe.

Without ``CELERY_BROKER_URL`` the settings turn on ``task_always_eager``, so the
embedded default runs every task in-process and needs no broker.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "credentials_portal.settings")

app = Celery("credentials_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# The current app of every thread (Celery keeps it per thread): the kernel's
# ``core.enqueue`` sends through ``current_app`` and never imports this package.
app.set_default()
