from django.apps import AppConfig


class FactcheckConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "factcheck"
    verbose_name = "Fact-checking"

    def ready(self) -> None:
        from factcheck.api import checks  # noqa: F401  (registers the API's system checks)
        from factcheck.pipeline import lexicon
        from factcheck.services import extraction

        # The word lists are checked here, so a bad edit stops every process at start-up
        # (LexiconError naming the file and the word), not the first import midway.
        lexicon.predicate_classes()
        lexicon.count_classes()
        from sources.services import AfterImport, register_after_import

        # Every imported document's claims are extracted with it and then compared.
        register_after_import(
            AfterImport(
                name="factcheck.claims",
                in_transaction=extraction.extract_imported,
                after_commit=extraction.compare_imported,
            )
        )
