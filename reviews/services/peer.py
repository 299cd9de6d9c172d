"""Peer feedback: learners of the same offering comment on each other's shared work."""

from django.db import transaction
from django.http import Http404

from enrollments.models import Enrollment

from .. import messages
from ..messages import ReviewsRefused
from ..models import PeerComment, SubmissionVersion
from ..selectors.access import peer_version_get


@transaction.atomic
def peer_comment_create(
    *, enrollment: Enrollment, version: SubmissionVersion, body: str
) -> PeerComment:
    """A comment from the learner of ``enrollment`` on a peer's shared version.

    The version must be submitted, shared with peers and in the same offering;
    a comment is feedback, never a decision, so progress does not change.
    """
    if enrollment.status not in Enrollment.TAKING_PART:
        raise Http404
    version = peer_version_get(enrollment=enrollment, pk=version.pk)
    body = body.strip()
    if not body:
        raise ReviewsRefused(messages.COMMENT_EMPTY)
    comment = PeerComment(version=version, author=enrollment.learner, body=body)
    comment.full_clean()
    comment.save()
    return comment
