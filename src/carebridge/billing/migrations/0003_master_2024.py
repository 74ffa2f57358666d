"""Seed the service master with the curated 2024 set (billing/data/master_2024.json)."""

import datetime as dt
import json
from pathlib import Path

from django.db import migrations

SEED = Path(__file__).resolve().parent.parent / "data" / "master_2024.json"


def _date(value):
    return dt.date.fromisoformat(value) if value else None


def seed(apps, schema_editor):
    alias = schema_editor.connection.alias
    data = json.loads(SEED.read_text(encoding="utf-8"))
    ServiceType = apps.get_model("directory", "ServiceType")
    ServiceCode = apps.get_model("billing", "ServiceCode")
    UnitPrice = apps.get_model("billing", "UnitPrice")
    for row in data["service_types"]:
        ServiceType.objects.using(alias).update_or_create(
            code=row["code"],
            valid_from=_date(row["valid_from"]),
            defaults={
                "name": row["name"],
                "labor_ratio_class": row["labor_ratio_class"],
                "exchange_scope": row["exchange_scope"],
                "short_stay": row["short_stay"],
                "valid_to": _date(row["valid_to"]),
                "source": row["source"][:200],
            },
        )
    for row in data["service_codes"]:
        ServiceCode.objects.using(alias).update_or_create(
            code=row["code"],
            valid_from=_date(row["valid_from"]),
            defaults={
                "service_type": row["service_type"],
                "name": row["name"],
                "units": row["units"],
                "unit_basis": row["unit_basis"],
                "limit_managed": row["limit_managed"],
                "rate_permille": row["rate_permille"],
                "product_code_required": row["product_code_required"],
                "valid_to": _date(row["valid_to"]),
                "source": row["source"][:200],
                "verify": row["verify"],
            },
        )
    for row in data["unit_prices"]:
        UnitPrice.objects.using(alias).update_or_create(
            region_grade=row["region_grade"],
            labor_ratio_class=row["labor_ratio_class"],
            valid_from=_date(row["valid_from"]),
            defaults={
                "price_x100": row["price_x100"],
                "valid_to": _date(row["valid_to"]),
                "source": row["source"][:200],
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0002_service_master"),
        ("directory", "0003_service_master"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
