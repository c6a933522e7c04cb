from django.db import migrations

from factcheck.migrations import _roles


class Migration(migrations.Migration):
    dependencies = [
        ("factcheck", "0005_external_factchecks"),
        ("sources", "0002_import_jobs_and_feeds"),
    ]

    operations = [migrations.RunPython(_roles.create_roles, migrations.RunPython.noop)]
