"""The review queue's row on each submission: its offering, its latest submitted
version with its date and decision, and the index the queue reads."""

import django.db.models.deletion
from django.db import migrations, models

from reviews.latest import latest_versions_fill


def fill(apps, schema_editor):
    """Every submission's row, in one UPDATE. The foreign keys are checked now,
    not at commit, so that the table can be altered after it."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    latest_versions_fill(
        submission_model=apps.get_model("reviews", "Submission"),
        version_model=apps.get_model("reviews", "SubmissionVersion"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0013_provider_time_zone"),
        ("reviews", "0003_artifact_file_deleted_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="submission",
            name="offering",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="programs.offering",
            ),
        ),
        migrations.AddField(
            model_name="submission",
            name="latest_version",
            field=models.OneToOneField(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.RESTRICT,
                related_name="latest_of",
                to="reviews.submissionversion",
                verbose_name="latest submitted version",
            ),
        ),
        migrations.AddField(
            model_name="submission",
            name="latest_submitted_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                null=True,
                verbose_name="latest submitted at",
            ),
        ),
        migrations.AddField(
            model_name="submission",
            name="latest_decision",
            field=models.CharField(
                blank=True,
                default="",
                editable=False,
                max_length=16,
                verbose_name="latest decision",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="submission",
            name="offering",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="programs.offering",
            ),
        ),
        migrations.AddIndex(
            model_name="submission",
            index=models.Index(
                condition=models.Q(("latest_version__isnull", False)),
                fields=[
                    "offering",
                    "latest_decision",
                    "latest_submitted_at",
                    "latest_version",
                ],
                include=("requirement",),
                name="submission_queue",
            ),
        ),
        migrations.AddConstraint(
            model_name="submission",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("latest_submitted_at__isnull", True),
                        ("latest_version__isnull", True),
                    ),
                    models.Q(
                        ("latest_submitted_at__isnull", False),
                        ("latest_version__isnull", False),
                    ),
                    _connector="OR",
                ),
                name="submission_latest_has_date",
                violation_error_message=(
                    "The latest submitted version comes with its date."
                ),
            ),
        ),
    ]
