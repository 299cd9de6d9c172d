"""Uploads and certificates on S3-compatible object storage (django-storages),
against moto's S3 server started for the session: stored as keys in the bucket,
nothing on the local disk, and served only through the permission-checked views."""

import io
import uuid

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from pypdf import PdfReader

from certificates.models import Award
from certificates.services import award_request
from certificates.services.issuance import award_issue
from credentials_portal.storages import storages_from
from programs.models import CredentialProgram
from reviews.models import Artifact
from tests.factories import EnrollmentFactory, LearnerFactory
from tests.reviews.scenarios import PDF_BYTES, iste_portfolio, pdf_file
from tests.s3 import CREDENTIALS, bucket_keys, moto_server_start, s3_client

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="session")
def moto_endpoint(tmp_path_factory):
    process, endpoint = moto_server_start(tmp_path_factory.mktemp("moto") / "log")
    yield endpoint
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def bucket(moto_endpoint, settings, monkeypatch):
    """A fresh bucket as the default storage, configured as production reads it."""
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    name = f"portal-{uuid.uuid4().hex[:12]}"
    s3_client(moto_endpoint).create_bucket(Bucket=name)
    settings.STORAGES = storages_from(
        {"AWS_STORAGE_BUCKET_NAME": name, "S3_ENDPOINT_URL": moto_endpoint},
        debug=True,
    )
    return name


def test_a_submission_file_goes_to_the_bucket_and_back_through_the_view(
    client, bucket, moto_endpoint, settings
):
    # given a learner's portfolio requirement, with S3 as the storage
    world = iste_portfolio()
    client.force_login(world.enrollment.learner)
    add = reverse(
        "reviews:artifact_add", args=[world.enrollment.pk, world.requirement.pk]
    )

    # when the learner uploads a file
    response = client.post(
        add,
        {
            "title": "Lesson plan",
            "file": pdf_file(),
            "reflection": "Students planned their own project.",
            "standards": ["designer"],
        },
    )

    # then it is a key in the bucket, and nothing is written to the local disk
    assert response.status_code == 302
    artifact = Artifact.objects.get()
    assert bucket_keys(moto_endpoint, bucket) == [artifact.file.name]
    assert not (settings.MEDIA_ROOT / artifact.file.name).exists()

    # and the view streams it to the learner, and to nobody else
    download = client.get(artifact.get_absolute_url())
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert download["Content-Disposition"] == 'attachment; filename="lesson-plan.pdf"'
    client.force_login(EnrollmentFactory(offering=world.offering).learner)
    assert client.get(artifact.get_absolute_url()).status_code == 404


def test_a_certificate_is_rendered_to_the_bucket_and_downloaded_through_the_view(
    award_catalog, client, bucket, moto_endpoint, today
):
    # given a pending award whose folder holds a crashed attempt's object
    learner = LearnerFactory(legal_name="Lucía Learner-Ortega")
    award, _ = award_request(
        learner=learner,
        program=CredentialProgram.objects.get(slug="cmte"),
        earned_on=today,
    )
    folder = f"certificates/{award.uuid}"
    s3_client(moto_endpoint).put_object(
        Bucket=bucket, Key=f"{folder}/certificate.pdf", Body=b"%PDF-1.7 half"
    )

    # when the worker's service issues it
    award_issue(award_id=award.pk)

    # then the award has exactly its document in the bucket, whole
    award.refresh_from_db()
    assert award.status == Award.Status.ISSUED
    document = award.documents.get()
    assert bucket_keys(moto_endpoint, bucket) == [f"{folder}/certificate.pdf"]
    assert default_storage.size(document.file.name) == document.size_bytes

    # and its learner downloads it through the permission-checked view
    url = reverse("certificates:document", args=[award.uuid, "certificate"])
    client.force_login(learner)
    response = client.get(url)
    assert response.status_code == 200
    pdf = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    assert "Lucía Learner-Ortega" in pdf.pages[0].extract_text()
    client.force_login(LearnerFactory())
    assert client.get(url).status_code == 404
