from tests.certificates.conftest import celery_broker  # noqa: F401
