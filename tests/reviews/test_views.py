"""The learner's submission pages, file access and the peer page, over HTTP."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from demo.checklists import demo_checklists_load
from programs.models import Offering
from reviews import messages
from reviews.models import Artifact, ChecklistQuestion, SubmissionVersion
from reviews.services.submissions import artifact_add, draft_save, submission_submit
from reviews.uploads import FILE_CONTENT_MISMATCH
from tests.factories import (
    EnrollmentFactory,
    FacilitatorFactory,
    PortalAdminFactory,
    RequirementFactory,
)
from tests.reviews.scenarios import (
    PDF_BYTES,
    add_artifacts,
    cmte_workshop,
    during_course,
    iste_portfolio,
    loyola_full,
    pdf_file,
    running_today,
)

pytestmark = pytest.mark.django_db


def requirement_url(world, name="reviews:requirement"):
    return reverse(name, args=[world.enrollment.pk, world.requirement.pk])


def submit(world):
    return submission_submit(
        enrollment=world.enrollment, requirement=world.requirement, now=during_course()
    )


def requirement_list(client, world) -> tuple[str, int]:
    """The learner's requirement list, and the number of queries it took."""
    url = reverse("reviews:requirement_list", args=[world.enrollment.pk])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_the_requirement_list_shows_each_state_in_the_same_queries_for_more(client):
    world = iste_portfolio()
    client.force_login(world.enrollment.learner)

    content, with_one = requirement_list(client, world)

    assert "E-portfolio" in content
    assert "Not submitted" in content
    assert "Aug 28, 2027" in content
    for title in ["Reflection", "Lesson plan", "Peer feedback"]:
        RequirementFactory(
            unit=world.requirement.unit, title=title, review_mode="met_not_met"
        )
    content, with_four = requirement_list(client, world)
    assert "Peer feedback" in content
    assert with_four == with_one


def test_another_learners_enrollment_is_404(client):
    world = loyola_full()
    client.force_login(EnrollmentFactory().learner)
    assert client.get(requirement_url(world)).status_code == 404
    list_url = reverse("reviews:requirement_list", args=[world.enrollment.pk])
    assert client.get(list_url).status_code == 404


def test_a_learner_saves_a_draft_then_submits(client):
    world = running_today(loyola_full())
    client.force_login(world.enrollment.learner)
    draft_url = requirement_url(world, "reviews:draft")

    client.post(draft_url, {"text": "My plan", "save": ""})
    assert SubmissionVersion.objects.get().status == "draft"

    response = client.post(
        draft_url, {"text": "My final plan", "submit": ""}, follow=True
    )
    version = SubmissionVersion.objects.get()
    assert (version.status, version.text) == ("submitted", "My final plan")
    assert "Version 1 is submitted." in response.content.decode()
    assert "is waiting for review" in response.content.decode()


def test_a_fake_pdf_upload_says_why_next_to_the_field_and_stores_nothing(client):
    world = loyola_full()
    client.force_login(world.enrollment.learner)
    fake = SimpleUploadedFile("report.pdf", b"<html><script>alert(1)</script></html>")

    response = client.post(
        requirement_url(world, "reviews:artifact_add"), {"file": fake}
    )

    assert response.status_code == 400
    message = FILE_CONTENT_MISMATCH % {"name": "report.pdf", "ext": "pdf"}
    form = response.context["artifact_form"]
    assert form.errors["file"] == [message]
    assert not Artifact.objects.exists()
    assert not SubmissionVersion.objects.exists()


def test_a_portfolio_artifact_is_added_with_reflection_and_standards(client):
    world = iste_portfolio()
    client.force_login(world.enrollment.learner)
    response = client.post(
        requirement_url(world, "reviews:artifact_add"),
        {
            "title": "Digital citizenship unit",
            "file": pdf_file(),
            "reflection": "Students wrote their own online norms.",
            "standards": ["citizen", "designer"],
        },
    )
    assert response.status_code == 302
    artifact = Artifact.objects.get()
    assert artifact.standards == ["citizen", "designer"]


def test_a_late_submission_is_refused_with_the_message(client, settings):
    world = running_today(iste_portfolio())
    add_artifacts(world, 9)
    world.requirement.deadline = "fixed"
    world.requirement.deadline_date = "2020-01-31"
    world.requirement.save()
    client.force_login(world.enrollment.learner)
    response = client.post(
        requirement_url(world, "reviews:draft"), {"submit": ""}, follow=True
    )
    assert messages.LATE % {
        "requirement": "E-portfolio",
        "date": "Jan 31, 2020",
    } in [str(m) for m in response.context["messages"]]
    assert SubmissionVersion.objects.get().status == "draft"


# Files: the learner, the offering's facilitators and admins; peers when shared


@pytest.fixture
def uploaded():
    world = loyola_full()
    artifact = artifact_add(
        enrollment=world.enrollment,
        requirement=world.requirement,
        upload=pdf_file("plan.pdf"),
    )
    return world, artifact


def test_the_learner_downloads_their_file_as_an_attachment(client, uploaded):
    world, artifact = uploaded
    client.force_login(world.enrollment.learner)
    response = client.get(artifact.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Disposition"] == 'attachment; filename="plan.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_offerings_facilitator_and_an_admin_download_the_file(client, uploaded):
    world, artifact = uploaded
    for user in (world.facilitator, PortalAdminFactory()):
        client.force_login(user)
        assert client.get(artifact.get_absolute_url()).status_code == 200


def test_another_learner_gets_404_for_the_file(client, uploaded):
    world, artifact = uploaded
    for stranger in (EnrollmentFactory(), EnrollmentFactory(offering=world.offering)):
        client.force_login(stranger.learner)
        assert client.get(artifact.get_absolute_url()).status_code == 404


def test_a_facilitator_of_another_offering_gets_404_for_the_file(client, uploaded):
    _, artifact = uploaded
    client.force_login(FacilitatorFactory())
    assert client.get(artifact.get_absolute_url()).status_code == 404


def test_a_visitor_is_sent_to_log_in(client, uploaded):
    _, artifact = uploaded
    response = client.get(artifact.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_peer_downloads_a_shared_project_only_once_submitted(client):
    world = cmte_workshop()
    artifact = artifact_add(
        enrollment=world.enrollment, requirement=world.requirement, upload=pdf_file()
    )
    peer = EnrollmentFactory(offering=world.offering)
    client.force_login(peer.learner)
    assert client.get(artifact.get_absolute_url()).status_code == 404
    submit(world)
    shared = Artifact.objects.get(version__status="submitted")
    assert client.get(shared.get_absolute_url()).status_code == 200


# Peer feedback page


def test_a_peer_reads_a_shared_project_and_comments(client):
    world = cmte_workshop()
    draft_save(
        enrollment=world.enrollment,
        requirement=world.requirement,
        text="Draft deliverable: a flipped lesson",
    )
    version = submit(world)
    peer = EnrollmentFactory(offering=world.offering)
    client.force_login(peer.learner)
    url = reverse("reviews:peer_project", args=[peer.pk, version.pk])

    page = client.get(url)
    assert "Draft deliverable: a flipped lesson" in page.content.decode()

    response = client.post(url, {"body": "Try a short quiz at the start."}, follow=True)
    assert "Try a short quiz at the start." in response.content.decode()
    assert version.peer_comments.get().author == peer.learner


def test_a_learner_of_another_offering_gets_404_for_a_peer_page(client):
    world = cmte_workshop()
    draft_save(enrollment=world.enrollment, requirement=world.requirement, text="x")
    version = submit(world)
    outsider = EnrollmentFactory()
    client.force_login(outsider.learner)
    url = reverse("reviews:peer_project", args=[outsider.pk, version.pk])
    assert client.get(url).status_code == 404


def test_a_knowledge_check_gives_immediate_feedback_over_http(client, demo_catalog):
    demo_checklists_load()
    offering = Offering.objects.get(
        unit__slug="loyola-stacked-digital-tools-foundations"
    )
    enrollment = EnrollmentFactory(offering=offering)
    requirement = offering.unit.requirements.get(kind="checklist")
    client.force_login(enrollment.learner)
    answers = {}
    for question in ChecklistQuestion.objects.filter(requirement=requirement):
        wrong = question.options.filter(is_correct=False).first()
        answers[f"question_{question.pk}"] = wrong.pk
    url = reverse("reviews:checklist", args=[enrollment.pk, requirement.pk])

    response = client.post(url, answers, follow=True)

    content = response.content.decode()
    assert "0 of 3 answers correct." in content
    assert "A recording shares content; it does not check understanding." in content
    assert "Answer the questions" in content  # the learner may try again
