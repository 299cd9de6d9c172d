"""One learner's records of every kind, and the six visitors who ask for them.

The owner holds an enrollment (with its invoice), a submitted file reviewed Not Met,
attendance at a session, a group order they lead and an issued award with its PDF.
``World.values`` names the id of each object: the matrix's URL arguments point at
these names.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.services import roles_ensure
from api.services import api_token_create
from certificates.services import award_request
from certificates.services.issuance import award_issue
from enrollments.jobs.models import BulkJob
from enrollments.models import Attendance, GroupOrder
from enrollments.services.registration import registration_create
from learnerdata.models import DataExport
from ledger.models import HeldCertificate, StateCertificateType
from ledger.services import outside_credit_add
from programs.models import CredentialProgram, Session
from reviews.models import Artifact, Submission
from reviews.services.reviews import review_decide
from tests.factories import (
    FacilitatorFactory,
    LearnerFactory,
    OpenOfferingFactory,
    PortalAdminFactory,
    RequirementFactory,
)
from transcripts.services.shares import transcript_share_create

OWNER_NAME = "Olga Owner-Uniquename"
OWNER_EMAIL = "olga.owner@school.example"
VISITORS = (
    "anonymous",
    "owner",
    "other_learner",
    "facilitator",
    "other_facilitator",
    "admin",
)


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class World:
    users: dict
    values: dict = field(default_factory=dict)
    rows: list = field(default_factory=list)


@dataclass
class OwnerRecords:
    """The owner's records every authorization test starts from, and the people
    who act on them."""

    owner: object
    facilitator: object
    admin: object
    offering: object
    requirement: object
    session: object
    enrollment: object
    order: object


def owner_records_build() -> OwnerRecords:
    """An enrollment (with its invoice) in an offering the facilitator runs, a
    submitted file, attendance at a session and a group order the owner leads."""
    admin, facilitator = PortalAdminFactory(), FacilitatorFactory()
    owner = LearnerFactory(legal_name=OWNER_NAME, email=OWNER_EMAIL)
    offering = OpenOfferingFactory(unit__price="175.00")
    offering.facilitators.add(facilitator)
    requirement = RequirementFactory(
        unit=offering.unit,
        review_mode="met_not_met",
        deadline="after_end",
        deadline_months_after_end=6,
    )
    session = Session.objects.create(
        offering=offering,
        title="Live session",
        kind=Session.Kind.LIVE,
        starts_at=timezone.now() + dt.timedelta(days=31),
    )
    enrollment = registration_create(learner=owner, offering=offering)
    Attendance.objects.create(
        enrollment=enrollment, session=session, method="manual", marked_by=facilitator
    )
    order = GroupOrder.objects.create(
        leader=owner, offering=offering, organisation="School"
    )
    submit_with_a_file(enrollment, requirement)
    return OwnerRecords(
        owner, facilitator, admin, offering, requirement, session, enrollment, order
    )


def submit_with_a_file(enrollment, requirement) -> None:
    """A submitted version with a file artifact, through the reviews services."""
    from reviews.services.submissions import artifact_add, submission_submit

    artifact_add(
        enrollment=enrollment,
        requirement=requirement,
        title="Lesson plan",
        upload=SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf"),
    )
    # The open offering starts in 30 days: submit while it runs.
    submission_submit(
        enrollment=enrollment,
        requirement=requirement,
        now=timezone.now() + dt.timedelta(days=31),
    )


def _ledger_build(owner):
    """A state certificate the owner holds and credits earned elsewhere."""
    kind = StateCertificateType.objects.create(
        state="MD",
        name="Professional Certificate",
        credits_needed=6,
        window_years=5,
        cpd_credits_per_credit=1,
    )
    held = HeldCertificate.objects.create(
        learner=owner,
        certificate_type=kind,
        number="MD-1",
        expires_on=timezone.localdate() + dt.timedelta(days=400),
    )
    evidence = outside_credit_add(
        learner=owner,
        activity="Summer institute",
        provider="County schools",
        earned_on=timezone.localdate(),
        amount=1,
        unit="cpd_credits",
        evidence=SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf"),
        today=timezone.localdate(),
    )
    return held, evidence


def _data_export_ready(owner) -> DataExport:
    """The owner's download of everything, as the worker leaves it."""
    export = DataExport(learner=owner)
    export.file.save("data.zip", ContentFile(b"PK\x05\x06" + bytes(18)), save=False)
    export.status = DataExport.Status.READY
    export.finished_at = timezone.now()
    export.expires_on = timezone.localdate() + dt.timedelta(days=7)
    export.save()
    return export


def world_build() -> World:
    """Needs the demo catalogue with its award outputs (``award_catalog``)."""
    roles_ensure()  # the groups' permissions, as load_demo sets them
    other_facilitator = FacilitatorFactory()
    OpenOfferingFactory().facilitators.add(other_facilitator)
    records = owner_records_build()
    owner, facilitator, admin = records.owner, records.facilitator, records.admin
    offering, requirement = records.offering, records.requirement
    session, enrollment, order = records.session, records.enrollment, records.order
    submission = Submission.objects.get(enrollment=enrollment)
    version = submission.versions.get(submitted_at__isnull=False)
    review = review_decide(
        reviewer=facilitator,
        version=version,
        decision="not_met",
        feedback="Add the assessment rubric.",
    )
    award, _ = award_request(
        learner=owner,
        program=CredentialProgram.objects.get(slug="cmte"),
        earned_on=dt.date(2026, 11, 23),
    )
    award = award_issue(award_id=award.pk, notify=False)
    document = award.documents.first()
    share = transcript_share_create(learner=owner)
    held, evidence = _ledger_build(owner)
    job = BulkJob.objects.create(
        kind=BulkJob.Kind.PAST_COMPLETION_IMPORT, started_by=owner, total=1
    )
    api_token, _secret = api_token_create(user=owner, name="Matrix")
    artifact = Artifact.objects.get(version=version)
    data_export = _data_export_ready(owner)
    users = {
        "anonymous": None,
        "owner": owner,
        "other_learner": LearnerFactory(),
        "facilitator": facilitator,
        "other_facilitator": other_facilitator,
        "admin": admin,
    }
    values = {
        "enrollment": enrollment.pk,
        "offering": offering.pk,
        "requirement": requirement.pk,
        "session": session.pk,
        "submission": submission.pk,
        "version": version.pk,
        "file": artifact.uuid,
        "order": order.pk,
        "invoice": enrollment.invoice.number,
        "award": award.uuid,
        "award_pk": award.pk,
        "award_document": document.kind,
        "owner": owner.pk,
        "program": "cmte",
        "unit": offering.unit.slug,
        "provider": award.program.provider.slug,
        "status_list_number": 1,
        "verification_code": award.verification_code,
        "json": "json",
        "share": share.pk,
        "held_certificate": held.pk,
        "outside_credit": evidence.uuid,
        "job": job.public_id,
        "data_export": data_export.public_id,
        "share_token": share.token,
        "api_token": api_token.pk,
        "bogus": "not-a-valid-key",
    }
    rows = [enrollment, enrollment.invoice, order, submission, version, artifact]
    return World(users, values, [*rows, review, award, document, offering, session])
