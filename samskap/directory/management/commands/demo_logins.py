from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from samskap.directory.demo import DEMO_PASSWORD
from samskap.directory.models import Role


class Command(BaseCommand):
    help = "List the demo accounts (all use the demo password)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--role", choices=["coordinator", "foui_contact", "researcher"])
        parser.add_argument("--first", action="store_true", help="Print only the first username.")

    def handle(self, *args: Any, **options: Any) -> None:
        roles = Role.objects.select_related("user", "municipality").order_by("kind", "user__username")
        if options["role"]:
            roles = roles.filter(kind=options["role"])
        if options["first"]:
            first = roles.first()
            self.stdout.write(first.user.username if first else "-")
            return
        for role in roles:
            where = f" ({role.municipality.name})" if role.municipality else ""
            self.stdout.write(f"{role.kind:13} {role.user.username}{where}")
        self.stdout.write(f"Password for every demo account: {DEMO_PASSWORD}")
