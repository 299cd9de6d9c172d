"""The one signal enrollments sends: a learner's progress changed.

Sent inside the transaction of the change (a submission, review, attendance mark,
imported past completion), so a subscriber's writes commit or roll back with it
(certificates writes a request to evaluate the progress, evaluated after commit).
``certificates`` subscribes in its ``AppConfig.ready()``; enrollments never imports
certificates.
"""

from django.dispatch import Signal

# Arguments: learner_id, unit_id.
progress_changed = Signal()
