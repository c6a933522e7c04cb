"""Whatever a client puts in the URL or the query string, the API answers 4xx, never 500."""

import pytest

from tests.api.test_api import API, publish

pytestmark = pytest.mark.django_db

ENDPOINTS = ["/fact-checks/", "/claims/", "/sources/", "/outlets/"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("lookup", ["abc", "0", "-1", "99999999999999999999", "1e3", "%00"])
def test_an_id_that_cannot_exist_is_answered_like_an_unknown_one(client, endpoint, lookup):
    publish()
    unknown = client.get(f"{API}{endpoint}123456/")
    response = client.get(f"{API}{endpoint}{lookup}/")
    assert response.status_code == unknown.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]
