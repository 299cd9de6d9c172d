"""Group orders: a leader enrolls a group, gets a quote and an invoice, and the
participants are invited. Forms, selectors, services, mail and views live here;
the models (``GroupOrder``, ``Participant``, ``Invoice``) in ``enrollments.models``."""
