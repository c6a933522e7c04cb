import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = (
        "Create (or reset) a demo editor account with a fresh random password and print the "
        "login. For local demos only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default="editor")

    def handle(self, *args, username: str, **options) -> None:
        password = secrets.token_urlsafe(9)
        user, _ = get_user_model().objects.get_or_create(username=username)
        user.is_staff = True
        user.is_active = True
        user.set_password(password)
        user.save()
        user.user_permissions.set(
            Permission.objects.filter(content_type__app_label__in=["sources", "factcheck"])
        )
        self.stdout.write(
            self.style.SUCCESS("Demo login for the admin: ")
            + f"username {username!r}, password {password!r}"
        )
