"""Enrolling from the catalogue, an enrollment's page, an offering's roster."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from enrollments.models import Enrollment, Invoice, PastCompletion
from tests.factories import (
    EnrollmentFactory,
    FacilitatorFactory,
    LearnerFactory,
    OpenOfferingFactory,
    PortalAdminFactory,
    RequirementFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def enroll(client, offering, **data):
    return client.post(reverse("enrollments:enroll", args=[offering.pk]), data)


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def learner(client):
    learner = LearnerFactory()
    client.force_login(learner)
    return learner


def test_visitor_is_sent_to_log_in_and_nothing_is_written(client):
    offering = OpenOfferingFactory()
    response = enroll(client, offering)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert not Enrollment.objects.exists()


def test_learner_enrolls_and_is_invoiced_for_one_seat(client, learner):
    offering = OpenOfferingFactory(unit__price="400.00")
    response = enroll(client, offering)
    enrollment = Enrollment.objects.get(learner=learner)
    invoice = Invoice.objects.get(enrollment=enrollment)
    assert response.status_code == 302
    assert response.url == reverse("orders:invoice", args=[invoice.number])
    assert (enrollment.offering, enrollment.status) == (offering, "active")
    assert invoice.total == 400
    assert messages_of(response) == [
        f"You are enrolled in {offering}. Here is your invoice and how to pay it."
    ]


def test_learner_enrolls_in_a_free_unit_and_lands_on_the_dashboard(client, learner):
    offering = OpenOfferingFactory(unit__price="0.00")
    response = enroll(client, offering)
    assert response.url == reverse("dashboard:dashboard")
    assert not Invoice.objects.exists()
    assert messages_of(response) == [f"You are enrolled in {offering}."]


@pytest.mark.parametrize(
    ("offering_fields", "message"),
    [
        (
            {"enrollment_closes": dt.date(2020, 1, 31), "label": "Old"},
            "Enrollment for {offering} closed on Jan 31, 2020.",
        ),
        (
            {
                "enrollment_opens": dt.date(2099, 1, 5),
                "enrollment_closes": dt.date(2099, 2, 1),
                "start_date": dt.date(2099, 3, 1),
                "end_date": dt.date(2099, 4, 1),
                "label": "Far",
            },
            "Enrollment for {offering} opens on Jan 5, 2099.",
        ),
        ({"capacity": 1}, "{offering} is full: all 1 places are taken."),
    ],
    ids=["closed", "not-yet-open", "full"],
)
def test_refused_window_shows_the_reason_and_changes_nothing(
    client, learner, offering_fields, message
):
    fields = dict(offering_fields)
    if fields.get("label") == "Old":
        fields["enrollment_opens"] = dt.date(2020, 1, 1)
    offering = OpenOfferingFactory(**fields)
    if offering.capacity:
        EnrollmentFactory(offering=offering)
    response = enroll(client, offering)
    assert response.status_code == 302
    assert response.url == offering.unit.get_absolute_url()
    assert messages_of(response) == [message.format(offering=offering)]
    assert not Enrollment.objects.filter(learner=learner).exists()
    assert not Invoice.objects.filter(billed_to=learner).exists()


def test_duplicate_enrollment_is_refused(client, learner):
    offering = OpenOfferingFactory()
    enroll(client, offering)
    response = enroll(client, offering)
    assert messages_of(response)[-1] == f"You are already enrolled in {offering}."
    assert Enrollment.objects.filter(learner=learner).count() == 1
    assert Invoice.objects.filter(billed_to=learner).count() == 1


def test_missing_prerequisite_is_refused_until_it_is_completed(client, learner):
    first = UnitFactory(title="Stacked 1")
    offering = OpenOfferingFactory(unit__title="Stacked 2")
    offering.unit.prerequisites.add(first)
    response = enroll(client, offering)
    assert messages_of(response) == [
        "Stacked 2 requires Stacked 1 to be completed first."
    ]
    assert not Enrollment.objects.exists()
    PastCompletion.objects.create(
        learner=learner,
        unit=first,
        completed_on=dt.date(2024, 5, 1),
        imported_by=UserFactory(),
    )
    enroll(client, offering)
    assert Enrollment.objects.filter(learner=learner, offering=offering).exists()


def test_track_is_asked_next_to_the_field_and_nothing_is_written(client, learner):
    offering = OpenOfferingFactory(unit__has_tracks=True, unit__title="Driving Change")
    response = enroll(client, offering)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {
        "track": ["Choose a track for Driving Change: graduate credit or non-credit."]
    }
    assert 'id="id_track_error"' in response.content.decode()
    assert not Enrollment.objects.exists()


def test_track_chosen_at_enrollment_is_stored(client, learner):
    offering = OpenOfferingFactory(unit__has_tracks=True)
    enroll(client, offering, track="non_credit")
    enrollment = Enrollment.objects.get(learner=learner)
    assert (enrollment.track, enrollment.track_approved) == ("non_credit", False)


def test_track_on_a_unit_without_tracks_is_ignored(client, learner):
    offering = OpenOfferingFactory()
    enroll(client, offering, track="graduate_credit")
    assert Enrollment.objects.get(learner=learner).track == ""


def test_enroll_page_shows_the_form_and_the_recommended_order(client, learner):
    offering = OpenOfferingFactory(unit__title="OTLA", unit__has_tracks=True)
    offering.unit.recommended_prior_units.add(UnitFactory(title="SOTL"))
    response = client.get(reverse("enrollments:enroll", args=[offering.pk]))
    content = response.content.decode()
    assert "We recommend taking SOTL first" in content
    assert 'name="track"' in content
    assert not Enrollment.objects.exists()


def test_only_learners_enroll(client):
    client.force_login(FacilitatorFactory())
    response = enroll(client, OpenOfferingFactory())
    assert response.status_code == 403
    assert not Enrollment.objects.exists()


@pytest.mark.parametrize("published", [False, None], ids=["unpublished", "missing"])
def test_unknown_or_unpublished_offering_is_404(client, learner, published):
    offering = OpenOfferingFactory(unit__is_published=bool(published))
    pk = offering.pk if published is False else offering.pk + 1000
    assert enroll(client, OpenOfferingFactory.build(pk=pk)).status_code == 404


def test_unit_page_offers_log_in_to_visitors_and_a_link_to_learners(client):
    """The unit page links to the confirmation page: one click never enrolls."""
    offering = OpenOfferingFactory(unit__has_tracks=True)
    url = offering.unit.get_absolute_url()
    assert "Log in to enroll" in client.get(url).content.decode()
    client.force_login(LearnerFactory())
    content = client.get(url).content.decode()
    enroll_url = reverse("enrollments:enroll", args=[offering.pk])
    assert f'<a class="button enroll-link" href="{enroll_url}">' in content
    assert f'action="{enroll_url}"' not in content
    assert f"Enroll in {offering.label}" in content


class TestEnrollmentPage:
    @pytest.fixture
    def enrollment(self):
        today = timezone.localdate()
        offering = OpenOfferingFactory(end_date=today + dt.timedelta(days=43))
        RequirementFactory(
            unit=offering.unit,
            title="Portfolio",
            deadline="after_end",
            deadline_days_after_end=1,
        )
        return EnrollmentFactory(offering=offering)

    def url(self, enrollment):
        return reverse("enrollments:detail", args=[enrollment.pk])

    def test_learner_sees_their_deadline(self, client, enrollment):
        client.force_login(enrollment.learner)
        content = client.get(self.url(enrollment)).content.decode()
        assert "Portfolio" in content
        assert "due in 44 days" in content

    @pytest.mark.parametrize(
        ("who", "status"),
        [
            ("other_learner", 404),
            ("facilitator_of_it", 200),
            ("facilitator_elsewhere", 404),
            ("listed_but_not_in_the_role", 404),
            ("admin", 200),
        ],
    )
    def test_who_may_open_it(self, client, enrollment, who, status):
        user = {
            "other_learner": LearnerFactory,
            "facilitator_of_it": FacilitatorFactory,
            "facilitator_elsewhere": FacilitatorFactory,
            "listed_but_not_in_the_role": LearnerFactory,
            "admin": PortalAdminFactory,
        }[who]()
        if who in {"facilitator_of_it", "listed_but_not_in_the_role"}:
            enrollment.offering.facilitators.add(user)
        if who == "facilitator_elsewhere":
            OpenOfferingFactory().facilitators.add(user)
        client.force_login(user)
        assert client.get(self.url(enrollment)).status_code == status

    def test_the_learners_invoice_is_shown_to_them_and_never_to_a_facilitator(
        self, client
    ):
        # given a learner who registered (and was invoiced) for a priced workshop
        learner = LearnerFactory()
        offering = OpenOfferingFactory(unit__price="400.00")
        client.force_login(learner)
        enroll(client, offering)
        enrollment = Enrollment.objects.get(learner=learner)
        number = Invoice.objects.get(enrollment=enrollment).number
        submissions = reverse("reviews:requirement_list", args=[enrollment.pk])
        facilitator = FacilitatorFactory()
        offering.facilitators.add(facilitator)

        # when the learner, then the facilitator, then an admin open the enrollment
        pages = {}
        for who in [learner, facilitator, PortalAdminFactory()]:
            client.force_login(who)
            pages[who.pk] = client.get(self.url(enrollment)).content.decode()

        # then only the learner and the admin see the invoice, only the learner
        # the link to their own submissions
        assert number in pages[learner.pk]
        assert submissions in pages[learner.pk]
        assert number not in pages[facilitator.pk]
        assert submissions not in pages[facilitator.pk]
        assert "USD 400" not in pages[facilitator.pk]
        assert [number in page for page in pages.values()] == [True, False, True]


class TestRoster:
    def test_facilitator_sees_the_participants_of_their_offering(self, client):
        enrollment = EnrollmentFactory(learner__legal_name="Rosa Parks-Learner")
        facilitator = FacilitatorFactory()
        enrollment.offering.facilitators.add(facilitator)
        client.force_login(facilitator)
        response = client.get(
            reverse("enrollments:roster", args=[enrollment.offering.pk])
        )
        assert "Rosa Parks-Learner" in response.content.decode()

    @pytest.mark.parametrize("factory", [FacilitatorFactory, LearnerFactory])
    def test_others_get_404(self, client, factory):
        enrollment = EnrollmentFactory()
        client.force_login(factory())
        response = client.get(
            reverse("enrollments:roster", args=[enrollment.offering.pk])
        )
        assert response.status_code == 404


def test_iste_cohorts_show_the_pre_assessment_and_required_sessions_by_the_button(
    client, demo_catalog
):
    client.force_login(LearnerFactory())
    content = client.get("/catalog/units/iste-certification/").content.decode()
    for cohort in content.split('class="offering card"')[1:]:
        assert "Before the first session: complete the Pre-assessment." in cohort
        assert "required</span>" in cohort
        assert "Enroll in " in cohort


class TestAdmin:
    @pytest.mark.parametrize(
        "model", ["enrollment", "attendance", "extension", "pastcompletion"]
    )
    def test_lists_open_and_records_change_only_through_services(
        self, admin_client, model
    ):
        EnrollmentFactory()
        assert admin_client.get(f"/admin/enrollments/{model}/").status_code == 200
        response = admin_client.get(f"/admin/enrollments/{model}/", {"q": "person"})
        assert response.status_code == 200
        assert admin_client.get(f"/admin/enrollments/{model}/add/").status_code == 403

    def test_an_admin_approves_a_graduate_credit_track(self, admin_client):
        enrollment = EnrollmentFactory(track="graduate_credit")
        url = f"/admin/enrollments/enrollment/{enrollment.pk}/change/"
        response = admin_client.post(
            url,
            {
                "track": "graduate_credit",
                "track_approved": "on",
                "extensions-TOTAL_FORMS": "0",
                "extensions-INITIAL_FORMS": "0",
            },
        )
        assert response.status_code == 302
        enrollment.refresh_from_db()
        assert enrollment.track_approved is True
        assert enrollment.status == "active"
