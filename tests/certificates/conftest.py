import pytest
from kombu import pools

from credentials_portal.celery import app as celery_app


def point_celery_at(broker_url: str, *, eager: bool) -> None:
    """Reconfigure the project's Celery app in this process (and drop its pools)."""
    celery_app.conf.broker_url = broker_url
    celery_app.conf.task_always_eager = eager
    # kombu keeps its connection pools in a global registry keyed by broker.
    pools.reset()
    celery_app._pool = None
    amqp = celery_app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None


@pytest.fixture
def celery_broker():
    """Yields a function pointing this process's Celery app at a broker; restores
    the settings' configuration afterwards."""
    before = (celery_app.conf.broker_url, celery_app.conf.task_always_eager)
    yield point_celery_at
    point_celery_at(before[0] or "", eager=before[1])


@pytest.fixture
def catalog(award_catalog):
    """The demo catalogue with its award outputs (``award_catalog``)."""


@pytest.fixture
def portal_admin(db):
    """An admin whose group holds the admin permissions, as load_demo sets them."""
    from accounts.services import roles_ensure
    from tests.factories import PortalAdminFactory

    roles_ensure()
    return PortalAdminFactory()


@pytest.fixture
def learner():
    """The learner of most certificates tests (a module may name its own)."""
    from tests.factories import LearnerFactory

    return LearnerFactory(legal_name="Lucía Learner-Ortega")


@pytest.fixture
def issued(catalog, learner, today):
    """The learner's CMTE Certificate, earned today, issued (rendered) in this
    process."""
    from certificates.services import award_request
    from certificates.services.issuance import award_issue
    from programs.models import CredentialProgram

    award, _ = award_request(
        learner=learner,
        program=CredentialProgram.objects.get(slug="cmte"),
        earned_on=today,
    )
    return award_issue(award_id=award.pk)


@pytest.fixture
def admin_client(client, portal_admin):
    """The test client signed in as ``portal_admin``."""
    client.force_login(portal_admin)
    return client
