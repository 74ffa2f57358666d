"""`carebridge migrate`: Django's migrate, run as the owner role when DATABASE_OWNER_URL is set,
followed by the owner's grants to the application role (carebridge.core.db_roles)."""

from typing import Any

from django.core.management.commands.migrate import Command as DjangoMigrate
from django.db import DEFAULT_DB_ALIAS

from carebridge.core.db_roles import OWNER_ALIAS, grant_if_two_roles, owner_alias


class Command(DjangoMigrate):
    help = "データベースを移行します（DATABASE_OWNER_URL があれば所有者のロールで実行し、権限を付与します）。"

    def handle(self, *args: Any, **options: Any) -> None:
        if options["database"] == DEFAULT_DB_ALIAS:
            options["database"] = owner_alias()
        super().handle(*args, **options)
        if options["database"] == OWNER_ALIAS:
            for statement in grant_if_two_roles():
                if options["verbosity"] >= 1:
                    self.stdout.write(f"  {statement}")
