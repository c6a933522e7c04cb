import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from factcheck.roles import EDITOR, PUBLISHER, REVIEWER

DEMO_USERS = [("editor", EDITOR), ("reviewer", REVIEWER), ("publisher", PUBLISHER)]


class Command(BaseCommand):
    help = (
        "Create (or reset) demo accounts for the three newsroom roles (editor, reviewer, "
        "publisher) with one fresh random password, and print the logins. For local demos."
    )

    def handle(self, *args, **options) -> None:
        password = secrets.token_urlsafe(9)
        for username, role in DEMO_USERS:
            user, _ = get_user_model().objects.get_or_create(username=username)
            user.is_staff = True
            user.is_active = True
            user.set_password(password)
            user.save()
            user.groups.set([Group.objects.get(name=role)])
        self.stdout.write(self.style.SUCCESS("Demo logins for the admin (one password for all):"))
        for username, role in DEMO_USERS:
            self.stdout.write(f"  {role:<9} username {username!r}, password {password!r}")
