import pytest

from factcheck.match_index import published_index


@pytest.fixture(autouse=True)
def _fresh_match_index():
    """Each test's database starts empty; so must the process-wide match index."""
    published_index.reset()
    yield
    published_index.reset()
