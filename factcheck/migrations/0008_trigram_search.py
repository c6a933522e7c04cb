from django.db import migrations

from sources.migrations._trigram import trigram_indexes

forwards, backwards = trigram_indexes(
    ("claim_text_trgm", "factcheck_claim", "text"),
    ("claim_speaker_trgm", "factcheck_claim", "speaker"),
    ("claimgroup_text_trgm", "factcheck_claimgroup", "canonical_text"),
)


class Migration(migrations.Migration):
    # CREATE INDEX CONCURRENTLY cannot run inside a transaction.
    atomic = False

    dependencies = [
        ("factcheck", "0007_public_verdicts_index"),
        ("sources", "0003_trigram_search"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
