"""The sections of a learner's archive, one builder each.

``SECTIONS`` is the extension point: an app with more of the learner's data
adds its builder to this list (as the recertification ledger's does, from
``recertification.py``), and the archive and its README pick it up. A builder
takes the learner and the day and returns its section; it reads only the
learner's own rows.
"""

import datetime as dt
from collections.abc import Callable

from django.db.models import Prefetch

from certificates.models import Award
from certificates.services.openbadges import award_badge_export
from enrollments.models import Enrollment
from reviews.models import Artifact, Review, SubmissionVersion
from transcripts.selectors import transcript_for

from .items import Section, ZipItem, iso, json_bytes, safe_name
from .recertification import ledger_section

SectionBuilder = Callable[..., Section]


def account_section(*, learner, today: dt.date) -> Section:
    section = Section(title="Your account")
    section.add_json(
        "account.json",
        {
            "email": learner.email,
            "legal_name": learner.legal_name,
            "first_name": learner.first_name,
            "last_name": learner.last_name,
            "joined": iso(learner.date_joined),
        },
        "Your account as the portal holds it.",
    )
    return section


def _review_data(review: Review | None) -> dict | None:
    if review is None:
        return None
    return {
        "decision": review.get_decision_display(),
        "result": review.result,
        "feedback": review.feedback,
        "reviewer": review.reviewer.display_name if review.reviewer else "automatic",
        "reviewed_at": iso(review.created_at),
        "changed_at": iso(review.updated_at),
        "criteria": [
            {
                "criterion": score.criterion.title,
                "points": score.points,
                "out_of": score.criterion.max_points,
                "feedback": score.feedback,
            }
            for score in review.criterion_scores.all()
        ],
    }


def _artifact_data(artifact: Artifact, stored_as: str) -> dict:
    return {
        "title": artifact.title,
        "file_name": artifact.file_name,
        "file": stored_as,
        "file_deleted_at": iso(artifact.file_deleted_at),
        "size": artifact.size,
        "link": artifact.link,
        "text": artifact.text,
        "reflection": artifact.reflection,
        "iste_standards": artifact.standard_labels,
    }


def _file_reader(artifact: Artifact) -> Callable[[], bytes]:
    def read() -> bytes:
        with artifact.file.open("rb") as handle:
            return handle.read()

    return read


def _version_items(section: Section, folder: str, version: SubmissionVersion) -> None:
    artifacts = []
    for artifact in version.artifacts.all():
        stored_as = ""
        if artifact.file_available:
            stored_as = f"{folder}/files/{artifact.pk}-" + safe_name(
                artifact.file_name or artifact.title
            )
            section.items.append(
                ZipItem(
                    stored_as,
                    _file_reader(artifact),
                    f"“{artifact.title}” as you uploaded it.",
                )
            )
        artifacts.append(_artifact_data(artifact, stored_as))
    review = getattr(version, "review", None)
    section.add_json(
        f"{folder}/version.json",
        {
            "version": version.number,
            "status": version.get_status_display(),
            "submitted_at": iso(version.submitted_at),
            "text": version.text,
            "link": version.link,
            "artifacts": artifacts,
            "review": _review_data(review),
        },
        f"Version {version.number}: what you submitted, and its feedback and score.",
    )


def _enrollments(learner):
    versions = SubmissionVersion.objects.select_related(
        "review__reviewer"
    ).prefetch_related("artifacts", "review__criterion_scores__criterion")
    return (
        Enrollment.objects.filter(learner=learner)
        .select_related("offering__unit")
        .prefetch_related(
            "submissions__requirement",
            Prefetch("submissions__versions", queryset=versions),
        )
        .order_by("created_at", "id")
    )


def submissions_section(*, learner, today: dt.date) -> Section:
    section = Section(
        title="Your submissions",
        note="Every version of every submission, drafts included, with its files, "
        "feedback and scores. A file deleted under a provider's retention policy "
        "is listed in its version.json with the day it was deleted.",
    )
    for enrollment in _enrollments(learner):
        offering = enrollment.offering
        run = safe_name(f"{offering.unit.slug}-{offering.label}-{enrollment.pk}")
        for submission in enrollment.submissions.all():
            requirement = submission.requirement
            base = f"submissions/{run}/{safe_name(requirement.title)}-{submission.pk}"
            for version in submission.versions.all():
                _version_items(section, f"{base}/version-{version.number}", version)
    return section


def _awards(learner):
    return (
        Award.objects.filter(learner=learner)
        .select_related("unit__provider", "program__provider", "learner")
        .prefetch_related("documents")
        .order_by("earned_on", "id")
    )


def _document_reader(document) -> Callable[[], bytes]:
    def read() -> bytes:
        with document.file.open("rb") as handle:
            return handle.read()

    return read


def certificates_section(*, learner, today: dt.date) -> Section:
    section = Section(
        title="Your certificates",
        note="Each award with its state and its documents (PDF), revoked and "
        "replaced ones included, as their records are kept.",
    )
    for award in _awards(learner):
        folder = f"certificates/{safe_name(award.credential_name)}-{award.uuid.hex[:8]}"
        section.add_json(
            f"{folder}/award.json",
            {
                "credential": award.credential_name,
                "status": award.get_status_display(),
                "earned_on": iso(award.earned_on),
                "valid_until": iso(award.expires_on),
                "issued_at": iso(award.issued_at),
                "revoked_at": iso(award.revoked_at),
                "revoke_reason": award.revoke_reason,
                "verification_url": award.verification_url,
            },
            f"{award.credential_name}: its state and verification link.",
        )
        for document in award.documents.all():
            section.items.append(
                ZipItem(
                    f"{folder}/{document.filename}",
                    _document_reader(document),
                    f"{document.title} (PDF).",
                )
            )
    return section


def open_badges_section(*, learner, today: dt.date) -> Section:
    section = Section(
        title="Your Open Badges credentials",
        note="Each issued award as an Open Badges 3.0 credential (JSON) and the "
        "same credential signed by its issuer (VC-JWT), for any wallet.",
    )
    for award in _awards(learner).filter(status=Award.Status.ISSUED):
        export = award_badge_export(award=award)
        name = f"open-badges/{safe_name(award.credential_name)}-{award.uuid.hex[:8]}"
        section.add_json(
            f"{name}.json", export.credential, f"{award.credential_name} (JSON)."
        )
        section.add_bytes(f"{name}.jwt", export.token.encode(), "Signed (VC-JWT).")
    return section


def transcript_section(*, learner, today: dt.date) -> Section:
    from transcripts.services.rendering import transcript_pdf_bytes

    transcript = transcript_for(learner=learner)
    section = Section(title="Your transcript")
    section.add_json(
        "transcript/transcript.json",
        {
            "name": transcript.name,
            "entries": [entry.__dict__ for entry in transcript.entries],
            "totals": transcript.totals.__dict__,
            "produced_on": iso(today),
        },
        "Your transcript as data.",
    )
    section.items.append(
        ZipItem(
            "transcript/transcript.pdf",
            lambda: transcript_pdf_bytes(transcript=transcript, produced_on=today),
            "Your transcript (PDF), as of the day of this download.",
        )
    )
    return section


# The archive's sections, in order. Add a builder here to add a section.
SECTIONS: list[SectionBuilder] = [
    account_section,
    submissions_section,
    certificates_section,
    open_badges_section,
    transcript_section,
    ledger_section,
]


def export_sections(*, learner, today: dt.date) -> list[Section]:
    return [build(learner=learner, today=today) for build in SECTIONS]


__all__ = ["SECTIONS", "Section", "ZipItem", "export_sections", "json_bytes"]
