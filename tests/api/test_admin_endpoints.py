"""GET /api/v1/awards/ and /api/v1/enrollments/: portal admins only, filtered."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from certificates.models import Award
from enrollments.models import Enrollment
from tests.factories import (
    EnrollmentFactory,
    LearnerFactory,
    OfferingFactory,
    ProgramFactory,
    UnitFactory,
)

from .conftest import award_make, bearer, token_for

pytestmark = pytest.mark.django_db

AWARDS = "/api/v1/awards/"
ENROLLMENTS = "/api/v1/enrollments/"


def ids(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


@pytest.mark.parametrize("url", [AWARDS, ENROLLMENTS])
def test_anonymous_gets_401(api_client, url):
    assert api_client.get(url).status_code == 401


@pytest.mark.parametrize("url", [AWARDS, ENROLLMENTS])
@pytest.mark.parametrize("who", ["learner", "facilitator"])
def test_learners_and_facilitators_get_403(api_client, request, url, who):
    user = request.getfixturevalue(who)

    response = bearer(api_client, token_for(user)).get(url)

    assert response.status_code == 403
    assert response.json() == {"detail": "Only portal admins may read this."}


def test_a_superuser_reads_the_lists(api_client, learner):
    from accounts.models import User

    award = award_make(learner)
    root = User.objects.create_superuser("root@example.org", "a-strong-password")
    api_client.force_login(root)

    awards = api_client.get(AWARDS)
    enrollments = api_client.get(ENROLLMENTS)

    assert awards.status_code == enrollments.status_code == 200
    assert awards.json()["count"] == 1
    assert ids(awards) == [str(award.uuid)]
    assert enrollments.json()["count"] == Enrollment.objects.count()


def test_an_admin_reads_every_award_with_its_learner(
    api_client, portal_admin, learner, other_learner
):
    first = award_make(learner)
    second = award_make(other_learner, status=Award.Status.SUPERSEDED)

    response = bearer(api_client, token_for(portal_admin)).get(AWARDS)

    assert ids(response) == [str(second.uuid), str(first.uuid)]
    item = response.json()["results"][1]
    assert item["learner"] == {
        "id": learner.pk,
        "email": "lena@example.org",
        "name": "Lena Learner",
    }
    assert "url" not in item
    assert item["page_url"] == f"http://testserver/certificates/{first.uuid}/"


def test_awards_filter_by_status(api_client, portal_admin, learner):
    issued = award_make(learner)
    award_make(learner, status=Award.Status.REVOKED)
    api_client.force_login(portal_admin)

    assert ids(api_client.get(AWARDS, {"status": "issued"})) == [str(issued.uuid)]


def test_awards_filter_by_credential_slug(api_client, portal_admin, learner):
    unit = UnitFactory(slug="designing")
    program = ProgramFactory(slug="cmte")
    of_unit = award_make(learner, unit=unit)
    of_program = award_make(learner, program=program)
    award_make(learner)
    api_client.force_login(portal_admin)

    assert ids(api_client.get(AWARDS, {"credential": "designing"})) == [
        str(of_unit.uuid)
    ]
    assert ids(api_client.get(AWARDS, {"credential": "cmte"})) == [str(of_program.uuid)]


def test_awards_filter_by_program_keeps_its_units_awards(
    api_client, portal_admin, learner
):
    program = ProgramFactory(slug="cmte")
    counted = UnitFactory()
    counted.programs.add(program)
    of_program = award_make(learner, program=program)
    of_unit = award_make(learner, unit=counted)
    award_make(learner)
    api_client.force_login(portal_admin)

    listed = ids(api_client.get(AWARDS, {"program": "cmte"}))

    assert sorted(listed) == sorted([str(of_program.uuid), str(of_unit.uuid)])


def test_awards_filter_by_issued_days_inclusive(api_client, portal_admin, learner):
    def issued_on(day: int) -> Award:
        zone = timezone.get_current_timezone()
        moment = dt.datetime(2026, 6, day, 23, 30, tzinfo=zone)
        return award_make(learner, issued_at=moment)

    issued_on(9)
    tenth, eleventh = issued_on(10), issued_on(11)
    issued_on(12)
    pending = award_make(learner, status=Award.Status.PENDING)
    api_client.force_login(portal_admin)

    listed = ids(
        api_client.get(AWARDS, {"issued_from": "2026-06-10", "issued_to": "2026-06-11"})
    )

    assert listed == [str(eleventh.uuid), str(tenth.uuid)]
    assert str(pending.uuid) not in ids(
        api_client.get(AWARDS, {"issued_from": "2026-01-01"})
    )


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        ({"status": "lost"}, {"status": ['"lost" is not a valid choice.']}),
        ({"credential": "nope"}, {"credential": ["No unit or program has this slug."]}),
        ({"program": "nope"}, {"program": ["No program has this slug."]}),
        (
            {"issued_from": "June"},
            {
                "issued_from": [
                    "Date has wrong format. "
                    "Use one of these formats instead: YYYY-MM-DD."
                ]
            },
        ),
        (
            {"issued_from": "2026-06-11", "issued_to": "2026-06-10"},
            {"issued_to": ["issued_from is after issued_to."]},
        ),
    ],
)
def test_a_bad_award_filter_answers_400(api_client, portal_admin, params, errors):
    api_client.force_login(portal_admin)

    response = api_client.get(AWARDS, params)

    assert response.status_code == 400
    assert response.json() == errors


def test_an_admin_reads_every_enrollment(api_client, portal_admin, learner):
    unit = UnitFactory(slug="designing", title="Designing for Learning")
    offering = OfferingFactory(unit=unit, label="Spring 2027")
    enrollment = EnrollmentFactory(learner=learner, offering=offering)
    api_client.force_login(portal_admin)

    response = api_client.get(ENROLLMENTS)

    assert ids(response) == [enrollment.pk]
    item = response.json()["results"][0]
    assert dt.datetime.fromisoformat(item.pop("enrolled_at")) == enrollment.created_at
    assert item == {
        "id": enrollment.pk,
        "learner": {"id": learner.pk, "email": learner.email, "name": "Lena Learner"},
        "offering": {
            "id": offering.pk,
            "label": "Spring 2027",
            "unit_slug": "designing",
            "unit_title": "Designing for Learning",
            "start_date": "2027-02-01",
            "end_date": "2027-02-28",
        },
        "status": "active",
        "track": "",
        "completed_at": None,
    }


def test_enrollments_filter_by_offering_program_and_status(api_client, portal_admin):
    program = ProgramFactory(slug="cmte")
    counted = OfferingFactory()
    counted.unit.programs.add(program)
    other = OfferingFactory()
    active = EnrollmentFactory(offering=counted)
    withdrawn = EnrollmentFactory(offering=counted, status=Enrollment.Status.WITHDRAWN)
    elsewhere = EnrollmentFactory(offering=other)
    api_client.force_login(portal_admin)

    by_offering = ids(api_client.get(ENROLLMENTS, {"offering": other.pk}))
    by_program = ids(api_client.get(ENROLLMENTS, {"program": "cmte"}))
    by_status = ids(api_client.get(ENROLLMENTS, {"status": "withdrawn"}))
    both = ids(api_client.get(ENROLLMENTS, {"program": "cmte", "status": "active"}))

    assert by_offering == [elsewhere.pk]
    assert by_program == [withdrawn.pk, active.pk]
    assert by_status == [withdrawn.pk]
    assert both == [active.pk]


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        ({"offering": "999999"}, {"offering": ["No offering has this id."]}),
        (
            {"offering": "x"},
            {"offering": ["Incorrect type. Expected pk value, received str."]},
        ),
        ({"program": "nope"}, {"program": ["No program has this slug."]}),
        ({"status": "gone"}, {"status": ['"gone" is not a valid choice.']}),
    ],
)
def test_a_bad_enrollment_filter_answers_400(api_client, portal_admin, params, errors):
    api_client.force_login(portal_admin)

    response = api_client.get(ENROLLMENTS, params)

    assert response.status_code == 400
    assert response.json() == errors


def _measure(client, url) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), len(response.json()["results"])


def test_the_admin_lists_cost_the_same_queries_for_3_or_13_rows(
    api_client, portal_admin
):
    def add_rows(n: int) -> None:
        for _ in range(n):
            learner = LearnerFactory()
            award_make(learner)
            EnrollmentFactory(learner=learner)

    add_rows(3)
    api_client.force_login(portal_admin)
    few = (_measure(api_client, AWARDS), _measure(api_client, ENROLLMENTS))
    add_rows(10)

    many = (_measure(api_client, AWARDS), _measure(api_client, ENROLLMENTS))

    assert [size for _, size in few] == [3, 3]
    assert [size for _, size in many] == [13, 13]
    # session, user, groups (the role), count, rows (+ their documents for awards)
    assert [count for count, _ in few] == [count for count, _ in many] == [6, 5]


@pytest.mark.parametrize("url", [AWARDS, ENROLLMENTS])
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_admin_writes_answer_405(api_client, portal_admin, url, method):
    client = bearer(api_client, token_for(portal_admin))

    assert getattr(client, method)(url, {}, format="json").status_code == 405
