from django.apps import AppConfig


class FactcheckConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "factcheck"
    verbose_name = "Fact-checking"

    def ready(self) -> None:
        from factcheck.api import checks  # noqa: F401  (registers the API's system checks)
        from factcheck.services import extraction
        from sources.services import AfterImport, register_after_import

        # Every imported document's claims are extracted with it and then compared.
        register_after_import(
            AfterImport(
                name="factcheck.claims",
                in_transaction=extraction.extract_imported,
                after_commit=extraction.compare_imported,
            )
        )
