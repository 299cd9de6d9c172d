"""Messages shown when a submission, review or comment is refused (asserted)."""

from django.utils.translation import gettext_lazy as _

from core.refusal import Refusal


class ReviewsRefused(Refusal):
    """The change cannot be made; ``message`` says why, in the reader's words."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.field = field  # the form field the message belongs next to, if any


# Submitting
NOT_IN_UNIT = _("%(requirement)s is not a requirement of %(unit)s.")
ENROLLMENT_WITHDRAWN = _("You withdrew from %(offering)s; submissions are closed.")
NOT_SUBMITTED_BY_LEARNERS = _(
    "%(requirement)s is recorded by the facilitators; there is nothing to submit."
)
CHECKLIST_ANSWERS_ONLY = _("Answer the questions of %(requirement)s to submit it.")
LATE = _(
    "The deadline for %(requirement)s was %(date)s; late submissions are not "
    "accepted. Ask an admin for an extension if you need more time."
)
NOT_OPEN_YET = _("Submissions for %(requirement)s open on %(date)s.")
NOT_PAID = _(
    "%(provider)s takes work once your place is paid for: invoice %(number)s still "
    "needs %(due)s. Your drafts are kept; the invoice says how to pay."
)
EMPTY = _("Add something before you submit: a file, a text or a link.")
TEXT_NOT_ACCEPTED = _("%(requirement)s does not take a text.")
LINK_NOT_ACCEPTED = _("%(requirement)s does not take a link.")
FILE_NOT_ACCEPTED = _("%(requirement)s does not take files.")
TOO_FEW_ARTIFACTS = _(
    "A portfolio needs at least %(min)s artifacts; this one has %(count)s."
)
TOO_MANY_ARTIFACTS = _(
    "A portfolio holds at most %(max)s artifacts; this one has %(count)s."
)
PORTFOLIO_FULL = _(
    "A portfolio holds at most %(max)s artifacts; remove one before you add another."
)
ARTIFACT_TITLE_REQUIRED = _("Give the artifact a title.")
ARTIFACT_CONTENT_REQUIRED = _("An artifact needs a file, a link or a text.")
REFLECTION_REQUIRED = _("Each portfolio artifact needs a reflection.")
STANDARDS_REQUIRED = _(
    "Choose at least one ISTE Standard for Educators that the artifact demonstrates."
)
WAITING_FOR_REVIEW = _(
    "Version %(number)s is waiting for review; you can submit again once it is "
    "reviewed."
)
ALREADY_MET = _("%(requirement)s is already Met; there is nothing more to submit.")
ALREADY_PASSED = _(
    "%(requirement)s already passed with %(score)s/%(out_of)s; there is nothing "
    "more to submit."
)
NOT_A_DRAFT = _("This version is already submitted and can no longer change.")

# Reviewing
ONLY_SUBMITTED = _("Only a submitted version can be reviewed.")
NOT_LATEST = _(
    "Version %(number)s has been replaced by a newer version; review the latest one."
)
FEEDBACK_REQUIRED = _("Not Met needs written feedback on what to change.")
WRONG_REVIEW_MODE = _("%(requirement)s is not reviewed this way.")
NO_RUBRIC = _(
    "%(requirement)s has no rubric criteria yet; an admin configures them first."
)
CRITERION_NOT_SCORED = _("Score every criterion: %(criterion)s has no points.")
POINTS_OUT_OF_RANGE = _(
    "%(criterion)s is worth 0 to %(max)s points; %(points)s is out of range."
)

# Peer feedback
COMMENT_EMPTY = _("Write a comment before you post it.")

# Checklists
QUESTION_UNANSWERED = _("Answer every question: “%(question)s” has no answer.")
NO_QUESTIONS = _(
    "%(requirement)s has no questions yet; an admin configures them first."
)
