"""Audit recipe of the service master's write (billing/master_services.py)."""

from __future__ import annotations

from carebridge.billing.master_import import plan_import
from carebridge.billing.master_services import service_master_apply

from ..audit_recipe import Recipe

HEADER = "区分,コード,名称,人件費割合,適用開始日\r\n"


def _plan(name: str):  # type: ignore[no-untyped-def]
    plan = plan_import(data=(HEADER + "サービス種類,9Z,監査テスト,70,2026-04-01\r\n").encode(), file_name="m.csv")
    plan.changes[0].values["name"] = name  # past the CSV check: the model's own validation refuses
    return plan


RECIPES = {
    "service_master_apply": Recipe(
        lambda o: lambda: service_master_apply(actor=o.world.admin_a, plan=_plan("監査テスト")),
        # A plan changed after its check (a name over the column's 50 characters) is refused.
        lambda o: lambda: service_master_apply(actor=o.world.admin_a, plan=_plan("長" * 60)),
    ),
}
