"""Property-based checks of the API against its own OpenAPI schema (schemathesis).

Every operation is called with generated parameters, valid ones (positive mode) and ones the
schema forbids (negative mode), and then in sequences that follow the links schemathesis infers
between operations (a list's ids into the detail operations, in both modes: stateful). No
response may be a server error, and every response must conform to the schema. (The
schemathesis pytest plugin does not load under this pytest, so operations are driven directly.)

Two kinds of input the schema alone rarely yields are mixed in by a hook: forged cursors (to
the schema a cursor is any string, so nothing generated looks like DRF's encoding around a
position, offset and direction, as a client tampering with a ``next`` link would send), and
date-times at the ends of the years 1 to 9999, with offsets that push them beyond.
"""

from base64 import b64encode
from datetime import UTC, datetime, timedelta, timezone
from urllib.parse import urlencode

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis import GenerationMode, checks

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
# Examples per operation and mode: enough to reach each parameter's edge values (years 1 and
# 9999, NUL, ids beyond 64 bits) while the whole module stays within about half a minute.
EXAMPLES = 60
SCENARIOS, STEPS = 30, 6
# The WSGI test transport does not decompress gzip, so ask for plain bodies.
PLAIN = {"Accept-Encoding": "identity"}

pytestmark = pytest.mark.django_db


def given_settings(max_examples: int, **extra) -> hypothesis_settings:
    return hypothesis_settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,  # the same examples on every run: a CI failure reproduces locally
        database=None,
        phases=[Phase.explicit, Phase.generate],  # no shrinking: report the first failure
        suppress_health_check=list(HealthCheck),
        **extra,
    )


_ZONES = st.sampled_from([UTC, timezone(timedelta(hours=14)), timezone(-timedelta(hours=12))])
_POSITIONS = st.one_of(
    st.datetimes(timezones=_ZONES).map(str),
    st.datetimes().map(str),  # no time zone: our cursors always carry one
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(max_size=30),
)
FORGED_CURSORS = st.fixed_dictionaries(
    {"p": _POSITIONS},
    optional={"o": st.integers(0, 2000).map(str), "r": st.sampled_from(["0", "1", "x"])},
).map(lambda tokens: b64encode(urlencode(tokens).encode()).decode())
EDGE_DATETIMES = st.one_of(
    st.datetimes(max_value=datetime(1, 1, 2), timezones=_ZONES),
    st.datetimes(min_value=datetime(9999, 12, 30), timezones=_ZONES),
    st.datetimes(max_value=datetime(1, 1, 2)),  # no offset: read in the server's zone
).map(datetime.isoformat)


def tampering(operation) -> dict[str, st.SearchStrategy[str]]:
    """For each query parameter of the operation that needs it, what to send instead."""
    strategies = {}
    for parameter in operation.query:
        if parameter.name == "cursor":
            strategies[parameter.name] = FORGED_CURSORS
        elif parameter.definition.get("schema", {}).get("format") == "date-time":
            strategies[parameter.name] = EDGE_DATETIMES
    return strategies


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


@pytest.fixture
def schema(settings):
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    publish("The treaty has 133 states parties.")
    publish("Latvia banned landmines in 2024.", rating="true", claim_type="law")
    loaded = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())

    @loaded.hook
    def flatmap_query(context, query):
        if not isinstance(query, dict):
            return st.just(query)
        strategies = tampering(context.operation)
        present = {name: strategy for name, strategy in strategies.items() if name in query}
        if not present:
            return st.just(query)
        tampered = st.fixed_dictionaries({}, optional=present).map(lambda new: query | new)
        return st.one_of(st.just(query), tampered)

    return loaded


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_api_operation_conforms_to_the_schema_whatever_it_is_sent(schema, mode):
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 8

    for operation in operations:
        if mode == GenerationMode.NEGATIVE and not any(operation.iter_parameters()):
            continue  # nothing to make invalid (the ClaimReview feed takes no parameters)

        @given(case=operation.as_strategy(generation_mode=mode))
        @given_settings(EXAMPLES)
        def check(case):
            case.call_and_validate(headers=PLAIN, checks=CHECKS)

        check()


def test_sequences_of_linked_calls_conform_to_the_schema(schema):
    class Scenario(schema.as_state_machine()):
        def get_call_kwargs(self, case):
            return {"headers": PLAIN}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(response, checks=CHECKS)

    assert Scenario.schema.statistic.transitions.total, "no links inferred between operations"
    Scenario.run(settings=given_settings(SCENARIOS, stateful_step_count=STEPS))
