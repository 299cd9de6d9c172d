from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "enrollments.jobs"
    label = "jobs"  # the tables and migrations keep the name they were created with
    verbose_name = "Bulk jobs"
    default_auto_field = "django.db.models.BigAutoField"
