from django.db import migrations

from ._trigram import trigram_indexes

forwards, backwards = trigram_indexes(
    ("source_title_trgm", "sources_source", "title"),
)


class Migration(migrations.Migration):
    # CREATE INDEX CONCURRENTLY cannot run inside a transaction.
    atomic = False

    dependencies = [("sources", "0002_import_jobs_and_feeds")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
