from django.apps import AppConfig


class LearnerDataConfig(AppConfig):
    """The learner's own data: the download of everything they hold here, and
    the providers' retention of their uploaded files."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "learnerdata"
    verbose_name = "Learners' data"
