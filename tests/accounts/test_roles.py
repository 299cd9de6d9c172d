"""Roles are groups: learner, facilitator, admin; only admins reach /admin/."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from accounts.models import User
from accounts.roles import (
    ADMINS,
    FACILITATORS,
    LEARNERS,
    is_facilitator,
    is_learner,
    is_portal_admin,
)
from accounts.services import roles_ensure, user_role_assign
from tests.factories import (
    FacilitatorFactory,
    LearnerFactory,
    PortalAdminFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def perms(group_name: str) -> set[str]:
    group = Group.objects.get(name=group_name)
    return {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def test_roles_ensure_creates_three_groups_and_is_idempotent():
    roles_ensure()
    roles_ensure()
    assert set(Group.objects.values_list("name", flat=True)) == {
        LEARNERS,
        FACILITATORS,
        ADMINS,
    }
    assert perms(LEARNERS) == set()
    admin = perms(ADMINS)
    assert {"programs.change_offering", "enrollments.delete_enrollment"} <= admin
    assert {"enrollments.change_invoice", "programs.add_unit"} <= admin
    assert not any(p.startswith(("auth.", "accounts.")) for p in admin)
    facilitator = perms(FACILITATORS)
    assert {"programs.view_offering", "enrollments.view_enrollment"} <= facilitator
    assert "enrollments.add_attendance" in facilitator
    assert "programs.change_offering" not in facilitator
    assert "enrollments.change_enrollment" not in facilitator


def test_load_demo_gives_every_demo_user_their_role():
    call_command("load_demo", stdout=None)
    call_command("load_demo", stdout=None)
    roles = {
        user.email: sorted(user.groups.values_list("name", flat=True))
        for user in User.objects.filter(email__endswith="@demo.test")
    }
    assert roles == {
        "admin@demo.test": [ADMINS],
        "facilitator1@demo.test": [FACILITATORS],
        "facilitator2@demo.test": [FACILITATORS],
        "learner1@demo.test": [LEARNERS],
        "learner2@demo.test": [LEARNERS],
        "learner3@demo.test": [LEARNERS],
        "learner4@demo.test": [LEARNERS],
    }
    assert User.objects.get(email="admin@demo.test").is_staff
    assert not User.objects.get(email="facilitator1@demo.test").is_staff


def test_an_admin_is_given_staff_access():
    user = UserFactory()
    user_role_assign(user=user, role=ADMINS)
    user.refresh_from_db()
    assert user.is_staff
    assert is_portal_admin(user)


@pytest.mark.parametrize(
    ("factory", "learner", "facilitator", "admin"),
    [
        (LearnerFactory, True, False, False),
        (FacilitatorFactory, False, True, False),
        (PortalAdminFactory, False, False, True),
        (UserFactory, False, False, False),
    ],
)
def test_role_helpers(factory, learner, facilitator, admin):
    user = factory()
    assert (is_learner(user), is_facilitator(user), is_portal_admin(user)) == (
        learner,
        facilitator,
        admin,
    )


def test_an_inactive_admin_has_no_role():
    user = PortalAdminFactory(is_active=False)
    assert not is_portal_admin(user)


@pytest.mark.parametrize(
    ("factory", "status"),
    [(LearnerFactory, 302), (FacilitatorFactory, 302), (PortalAdminFactory, 200)],
)
def test_only_admins_open_the_django_admin(client, factory, status):
    client.force_login(factory())
    response = client.get("/admin/")
    assert response.status_code == status
    if status == 302:
        assert response.url.startswith("/admin/login/")


def test_admin_group_member_opens_learning_records_in_the_admin(client):
    roles_ensure()
    client.force_login(PortalAdminFactory())
    assert client.get("/admin/enrollments/enrollment/").status_code == 200
    assert client.get("/admin/enrollments/pastcompletion/").status_code == 200
