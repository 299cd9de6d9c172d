"""Learners submit what a requirement asks; versions keep everything."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import AuditEvent
from enrollments.models import Enrollment
from enrollments.signals import progress_changed
from reviews import messages
from reviews.containers import ARCHIVE_TOO_COMPRESSED
from reviews.models import Artifact, Submission, SubmissionVersion
from reviews.services.reviews import review_decide, review_score
from reviews.services.submissions import (
    artifact_add,
    artifact_remove,
    draft_save,
)
from reviews.uploads import FILE_CONTENT_MISMATCH
from tests.factories import (
    EnrollmentFactory,
)
from tests.reviews.scenarios import (
    cmte_workshop,
    during_course,
    loyola_full,
    pdf_file,
    scores,
    submit,
)
from tests.reviews.test_containers import office as office_document

pytestmark = pytest.mark.django_db


def test_a_draft_is_saved_before_submitting_and_is_not_a_submission():
    # given a Loyola Full learner
    world = loyola_full()

    # when they save a draft
    draft = draft_save(
        enrollment=world.enrollment, requirement=world.requirement, text="First ideas"
    )

    # then one draft version exists, not submitted
    draft.refresh_from_db()
    assert (draft.number, draft.status, draft.submitted_at) == (1, "draft", None)
    assert draft.text == "First ideas"


def test_submitting_turns_the_draft_into_version_one():
    world = loyola_full()
    draft_save(enrollment=world.enrollment, requirement=world.requirement, text="Plan")

    version = submit(world)

    version.refresh_from_db()
    assert version.number == 1
    assert version.status == SubmissionVersion.Status.SUBMITTED
    assert version.submitted_at == during_course()


def test_an_empty_submission_is_refused():
    world = loyola_full()
    with pytest.raises(messages.ReviewsRefused) as refused:
        submit(world)
    assert refused.value.message == messages.EMPTY
    assert not SubmissionVersion.objects.exists()


def test_a_file_with_a_pdf_name_but_other_content_is_refused_and_changes_nothing():
    world = loyola_full()
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 this is an executable")

    with pytest.raises(messages.ReviewsRefused) as refused:
        artifact_add(
            enrollment=world.enrollment, requirement=world.requirement, upload=fake
        )

    assert refused.value.message == FILE_CONTENT_MISMATCH % {
        "name": "report.pdf",
        "ext": "pdf",
    }
    assert refused.value.field == "file"
    assert not Submission.objects.exists()
    assert not Artifact.objects.exists()


def test_an_accepted_file_is_stored_under_an_unguessable_name(settings):
    world = loyola_full()

    artifact = artifact_add(
        enrollment=world.enrollment,
        requirement=world.requirement,
        upload=pdf_file("my lesson plan.pdf"),
    )

    artifact.refresh_from_db()
    assert artifact.file.name.startswith("submissions/")
    assert "lesson" not in artifact.file.name
    assert len(artifact.file.name.removeprefix("submissions/")) == 32
    assert artifact.file_name == "my lesson plan.pdf"
    assert artifact.content_type == "application/pdf"
    assert (settings.MEDIA_ROOT / artifact.file.name).exists()


def test_a_file_over_the_configured_limit_is_refused(settings):
    settings.UPLOAD_MAX_BYTES = 10
    world = loyola_full()
    with pytest.raises(messages.ReviewsRefused):
        artifact_add(
            enrollment=world.enrollment,
            requirement=world.requirement,
            upload=pdf_file(),
        )
    assert not Artifact.objects.exists()


def test_resubmission_creates_a_new_version_and_keeps_the_old_one_and_its_review():
    # given a Loyola Full project reviewed Not Met
    world = loyola_full()
    artifact_add(
        enrollment=world.enrollment,
        requirement=world.requirement,
        upload=pdf_file("v1.pdf"),
    )
    first = submit(world)
    review_decide(
        reviewer=world.facilitator,
        version=first,
        decision="not_met",
        feedback="Add a plan for assessing the lesson.",
    )

    # when the learner revises and resubmits
    draft = draft_save(
        enrollment=world.enrollment, requirement=world.requirement, text="Revised"
    )
    assert draft.artifacts.count() == 1  # the revision starts from version 1's files
    second = submit(world)

    # then both versions exist, the first one untouched with its review
    first.refresh_from_db()
    assert [v.number for v in world.enrollment.submissions.get().versions.all()] == [
        1,
        2,
    ]
    assert first.text == ""
    assert first.review.decision == "not_met"
    assert first.review.feedback == "Add a plan for assessing the lesson."
    assert first.artifacts.get().file_name == "v1.pdf"
    assert second.text == "Revised"
    assert not hasattr(second, "review") or second.review is None


def test_removing_an_artifact_from_a_revision_leaves_the_submitted_version_alone():
    world = loyola_full()
    artifact_add(
        enrollment=world.enrollment, requirement=world.requirement, upload=pdf_file()
    )
    first = submit(world)
    review_decide(
        reviewer=world.facilitator,
        version=first,
        decision="not_met",
        feedback="Redo the file.",
    )
    draft_save(enrollment=world.enrollment, requirement=world.requirement)
    copy = Artifact.objects.get(version__status="draft")

    artifact_remove(enrollment=world.enrollment, artifact=copy)

    assert first.artifacts.count() == 1


def test_a_submitted_artifact_cannot_be_removed():
    world = loyola_full()
    artifact = artifact_add(
        enrollment=world.enrollment, requirement=world.requirement, upload=pdf_file()
    )
    submit(world)
    with pytest.raises(messages.ReviewsRefused) as refused:
        artifact_remove(enrollment=world.enrollment, artifact=artifact)
    assert refused.value.message == messages.NOT_A_DRAFT
    assert Artifact.objects.filter(pk=artifact.pk).exists()


def test_resubmitting_while_waiting_for_review_is_refused():
    world = loyola_full()
    draft_save(enrollment=world.enrollment, requirement=world.requirement, text="A")
    submit(world)
    with pytest.raises(messages.ReviewsRefused) as refused:
        draft_save(enrollment=world.enrollment, requirement=world.requirement, text="B")
    assert refused.value.message == messages.WAITING_FOR_REVIEW % {"number": 1}


def test_nothing_more_is_submitted_after_met():
    world = loyola_full()
    draft_save(enrollment=world.enrollment, requirement=world.requirement, text="A")
    review_decide(reviewer=world.facilitator, version=submit(world), decision="met")
    with pytest.raises(messages.ReviewsRefused) as refused:
        draft_save(enrollment=world.enrollment, requirement=world.requirement, text="B")
    assert refused.value.message == messages.ALREADY_MET % {
        "requirement": "Competency-based project"
    }


def test_a_completion_on_submission_project_can_be_submitted_again():
    world = cmte_workshop()
    draft_save(enrollment=world.enrollment, requirement=world.requirement, text="v1")
    submit(world)
    draft_save(enrollment=world.enrollment, requirement=world.requirement, text="v2")
    assert submit(world).number == 2


def test_a_requirement_of_another_unit_is_refused():
    world = loyola_full()
    other = cmte_workshop()
    with pytest.raises(messages.ReviewsRefused) as refused:
        draft_save(enrollment=world.enrollment, requirement=other.requirement, text="x")
    assert refused.value.message == messages.NOT_IN_UNIT % {
        "requirement": "Final product",
        "unit": world.offering.unit,
    }


def test_a_withdrawn_learner_cannot_submit():
    world = loyola_full()
    Enrollment.objects.filter(pk=world.enrollment.pk).update(status="withdrawn")
    world.enrollment.refresh_from_db()
    with pytest.raises(messages.ReviewsRefused):
        draft_save(enrollment=world.enrollment, requirement=world.requirement, text="x")


def test_submitting_is_audited_and_changes_progress():
    world = cmte_workshop()
    received = []

    def listener(sender, learner_id, unit_id, **kwargs):
        received.append((learner_id, unit_id))

    progress_changed.connect(listener)
    try:
        draft_save(enrollment=world.enrollment, requirement=world.requirement, text="x")
        version = submit(world)
    finally:
        progress_changed.disconnect(listener)

    assert received == [(world.enrollment.learner_id, world.offering.unit_id)]
    event = AuditEvent.objects.get(action="submission.submitted")
    assert event.target_id == version.pk
    assert event.actor == world.enrollment.learner


def test_another_enrollment_cannot_touch_this_draft():
    world = loyola_full()
    artifact = artifact_add(
        enrollment=world.enrollment, requirement=world.requirement, upload=pdf_file()
    )
    stranger = EnrollmentFactory(offering=world.offering)
    with pytest.raises(Artifact.DoesNotExist):
        artifact_remove(enrollment=stranger, artifact=artifact)
    assert Artifact.objects.filter(pk=artifact.pk).exists()


def test_reviews_cannot_be_scored_on_a_met_not_met_requirement():
    world = loyola_full()
    draft_save(enrollment=world.enrollment, requirement=world.requirement, text="x")
    version = submit(world)
    with pytest.raises(messages.ReviewsRefused) as refused:
        review_score(
            reviewer=world.facilitator, version=version, scores=scores(world, [])
        )
    assert refused.value.message == messages.WRONG_REVIEW_MODE % {
        "requirement": "Competency-based project"
    }


def test_a_zip_bomb_docx_is_refused_and_nothing_is_stored(settings):
    # given a Loyola Full learner and a .docx of zeros compressed ~1000 to 1
    world = loyola_full()
    bomb = office_document({"word/media/filler.xml": bytes(8 * 1024 * 1024)})
    upload = SimpleUploadedFile("essay.docx", bomb)

    # when they add it
    with pytest.raises(messages.ReviewsRefused) as refused:
        artifact_add(
            enrollment=world.enrollment, requirement=world.requirement, upload=upload
        )

    # then it is refused with the reason, and neither a row nor a file is written
    assert refused.value.message == ARCHIVE_TOO_COMPRESSED % {
        "name": "essay.docx",
        "ratio": settings.UPLOAD_ARCHIVE_MAX_RATIO,
    }
    assert not Artifact.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))
