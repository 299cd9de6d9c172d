"""How many times an award's work is tried before it is left failed. What is worth
trying again at all is the one kernel set, ``core.transient.TRANSIENT_ERRORS``."""

# Attempts at issuing an award (the task's first run and its retries, and the
# sweep's) before a transient error fails it too.
MAX_RENDER_ATTEMPTS = 5
# Attempts of one email task while the mail server refuses.
MAX_EMAIL_ATTEMPTS = 4
# Refused sends of one award's email, over its tasks' retries and the sweep's
# rounds, after which it is left failed for an admin to send again.
MAX_EMAIL_FAILURES = 3 * MAX_EMAIL_ATTEMPTS
