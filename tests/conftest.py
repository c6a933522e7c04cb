import pytest

from tests.factories import UserFactory


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def make_role_user(db):
    """A staff user in one of the newsroom roles (groups created by the data migration)."""
    from django.contrib.auth.models import Group

    def make(role: str, username: str | None = None):
        user = UserFactory(username=username or role.lower(), is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def client_for(client, make_role_user):
    """A logged-in test client for a user in the given role (a fresh client per call)."""
    from django.test import Client

    def make(role: str, username: str | None = None):
        user = make_role_user(role, username)
        role_client = Client()
        role_client.force_login(user)
        role_client.user = user
        return role_client

    return make
