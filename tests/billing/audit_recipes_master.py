"""Audit recipe of the service master's write (billing/master_services.py)."""

from __future__ import annotations

from carebridge.billing.master_import import plan_import
from carebridge.billing.master_services import service_master_apply

from ..audit_recipe import Recipe

HEADER = "区分,コード,名称,人件費割合,適用開始日\r\n"


def _plan(name: str):  # type: ignore[no-untyped-def]
    return plan_import(data=(HEADER + f"サービス種類,9Z,{name},70,2026-04-01\r\n").encode(), file_name="m.csv")


RECIPES = {
    "service_master_apply": Recipe(
        lambda o: lambda: service_master_apply(actor=o.world.admin_a, plan=_plan("監査テスト")),
        # A name over the column's 50 characters passes the CSV check (100) but not the model's.
        lambda o: lambda: service_master_apply(actor=o.world.admin_a, plan=_plan("長" * 60)),
    ),
}
