import datetime as dt

from django.db import migrations, models
from django.db.models import F


def expire_existing(apps, schema_editor):
    """Tokens made before expiry existed live 90 days from their creation."""
    ApiToken = apps.get_model("api", "ApiToken")
    ApiToken.objects.update(expires_at=F("created_at") + dt.timedelta(days=90))


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_api_tokens"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True, verbose_name="expires at"),
        ),
        migrations.RunPython(expire_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(
                help_text="After this moment the token is refused.",
                verbose_name="expires at",
            ),
        ),
    ]
