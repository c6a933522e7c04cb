"""Property-based checks of the API against its own OpenAPI schema (schemathesis).

Every operation is called with generated parameters (a bounded number of examples each): no
response may be a server error, and every response must conform to the schema. (The
schemathesis pytest plugin does not load under this pytest, so operations are driven directly.)
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis import checks

from tests.api.test_api import publish

# No server errors, and every response (status, content type, headers, body) as documented.
# Whether the API accepts every value the schema allows (date-times with a +15:49 offset,
# say) is checked by the filter tests instead.
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Requests through the raw WSGI app would close the test's database connection at the
    end of each request (and so lose its transaction); Django's own test client prevents
    that the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_every_api_operation_conforms_to_the_schema(settings):
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    publish("The treaty has 133 states parties.")
    publish("Latvia banned landmines in 2024.", rating="true", claim_type="law")
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 8

    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=20,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            # The WSGI test transport does not decompress gzip, so ask for plain bodies.
            case.call_and_validate(headers={"Accept-Encoding": "identity"}, checks=CHECKS)

        check()
