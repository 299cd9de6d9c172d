import pytest


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


@pytest.fixture
def superuser_client(client):
    """The admin pages as a superuser sees them (every model, every action)."""
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client
