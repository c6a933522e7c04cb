"""Reading what an import was asked for (files, directories, URLs) into documents.

Shared by the ``import_articles`` command and the background import jobs, so both accept the
same inputs and report the same problems in the same words.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings

from sources.fetching import FetchError, FetchPolicy, fetch, read_fetched
from sources.readers import (
    Document,
    ManifestCache,
    Metadata,
    ReadError,
    find_files,
    read_file,
)

# An argument with a scheme is a URL (file:// and ftp:// are then refused by the fetcher).
URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def fetch_policy() -> FetchPolicy:
    return FetchPolicy(
        max_bytes=settings.FACTDESK_MAX_IMPORT_BYTES,
        connect_timeout=settings.FACTDESK_FETCH_CONNECT_TIMEOUT,
        total_timeout=settings.FACTDESK_FETCH_TIMEOUT,
        max_redirects=settings.FACTDESK_FETCH_MAX_REDIRECTS,
        allow_private=settings.FACTDESK_FETCH_ALLOW_PRIVATE,
    )


def read_inputs(
    inputs: list[str],
    overrides: Metadata,
    *,
    on_error: Callable[[ReadError], None] | None = None,
) -> tuple[list[Document], list[ReadError]]:
    """Every document in the inputs (in the order given), manifests and overrides applied.

    ``on_error`` hears about each problem as it is found (the command prints it at once).
    """
    documents: list[Document] = []
    failures: list[ReadError] = []
    manifests = ManifestCache()

    def failed(error: ReadError) -> None:
        if error not in failures:
            failures.append(error)
            if on_error is not None:
                on_error(error)

    def take(results: list[Document | ReadError]) -> None:
        for result in results:
            if isinstance(result, ReadError):
                failed(result)
            else:
                documents.append(overrides.over(result))

    for given in inputs:
        if URL.match(given):
            try:
                take(read_fetched(fetch(given, policy=fetch_policy())))
            except FetchError as error:
                failed(ReadError(given, error.reason))
            continue
        for item in find_files([given]):
            if isinstance(item, ReadError):
                failed(item)
                continue
            metadata = manifests.metadata_for(item)
            if isinstance(metadata, ReadError):
                failed(metadata)
                metadata = None
            take(read_file(item, max_bytes=settings.FACTDESK_MAX_IMPORT_BYTES, metadata=metadata))
    return documents, failures
