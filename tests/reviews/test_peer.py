"""CMTE peer feedback: learners of one offering comment on shared projects."""

import pytest
from django.http import Http404

from enrollments.models import Enrollment
from reviews import messages
from reviews.models import PeerComment
from reviews.services.peer import peer_comment_create
from reviews.services.submissions import draft_save, submission_submit
from tests.factories import EnrollmentFactory
from tests.reviews.scenarios import cmte_workshop, during_course, loyola_full

pytestmark = pytest.mark.django_db


def shared_project(world):
    draft_save(
        enrollment=world.enrollment,
        requirement=world.requirement,
        text="My draft deliverable",
    )
    return submission_submit(
        enrollment=world.enrollment, requirement=world.requirement, now=during_course()
    )


def test_a_peer_in_the_same_offering_comments_on_a_shared_project():
    world = cmte_workshop()
    version = shared_project(world)
    peer = EnrollmentFactory(offering=world.offering)

    comment = peer_comment_create(
        enrollment=peer, version=version, body="  Great use of discussion boards!  "
    )

    comment.refresh_from_db()
    assert comment.author == peer.learner
    assert comment.body == "Great use of discussion boards!"


def test_an_empty_comment_is_refused():
    world = cmte_workshop()
    version = shared_project(world)
    peer = EnrollmentFactory(offering=world.offering)
    with pytest.raises(messages.ReviewsRefused) as refused:
        peer_comment_create(enrollment=peer, version=version, body="  ")
    assert refused.value.message == messages.COMMENT_EMPTY


def test_a_learner_of_another_offering_cannot_comment():
    world = cmte_workshop()
    version = shared_project(world)
    outsider = EnrollmentFactory()
    with pytest.raises(Http404):
        peer_comment_create(enrollment=outsider, version=version, body="Hi")
    assert not PeerComment.objects.exists()


def test_a_project_not_shared_with_peers_is_not_open_to_comments():
    world = loyola_full()
    version = shared_project(world)
    peer = EnrollmentFactory(offering=world.offering)
    with pytest.raises(Http404):
        peer_comment_create(enrollment=peer, version=version, body="Hi")


def test_a_withdrawn_peer_cannot_comment():
    world = cmte_workshop()
    version = shared_project(world)
    peer = EnrollmentFactory(
        offering=world.offering, status=Enrollment.Status.WITHDRAWN
    )
    with pytest.raises(Http404):
        peer_comment_create(enrollment=peer, version=version, body="Hi")
