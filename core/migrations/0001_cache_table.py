"""The database cache's table comes with ``migrate``.

allauth counts logins in the default cache; without Redis that is the database cache,
and a login answered 500 until ``manage.py createcachetable`` had been run too.
``createcachetable`` makes the table of every database cache configured and skips
those that exist, so running it again (or with a Redis cache) does nothing.
"""

from django.core.management import call_command
from django.db import migrations


def cache_tables_create(apps, schema_editor):
    call_command(
        "createcachetable", database=schema_editor.connection.alias, verbosity=0
    )


class Migration(migrations.Migration):
    dependencies: list = []

    operations = [
        migrations.RunPython(cache_tables_create, migrations.RunPython.noop),
    ]
