"""Demo data of the fee (desk/demo_fee.py): office A's fee page and 集中減算 report show real
content, and loading the fee demo twice adds nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from carebridge.billing.models import FeeEvent, FeeSetting
from carebridge.core.models import User
from carebridge.desk.demo import load_demo
from carebridge.desk.demo_fee import load_fee
from carebridge.directory.models import Provider

pytestmark = pytest.mark.django_db


@override_settings(CAREBRIDGE_DEMO_PASSWORD="demo-pass-for-test")
def test_demo_fee_pages_show_content(client, django_assert_max_num_queries):
    today = dt.date(2026, 11, 22)
    load_demo(today=today, quiet=True)
    events = FeeEvent.objects.count()
    assert events and FeeSetting.objects.exists()
    assert not Provider.objects.filter(corporation_name="").exists()
    admin = User.objects.get(username="admin_a")
    assert admin.office is not None
    load_fee(office=admin.office, admin=admin, today=today)
    assert FeeEvent.objects.count() == events
    clerk = User.objects.get(username="clerk_a")
    client.force_login(clerk)
    with django_assert_max_num_queries(60):
        body = client.get("/billing/fee/2026-11/").content.decode()
    assert "事業所合計" in body and "特定事業所加算（3）" in body and "加算を記録" in body
    assert "居宅介護支援費（Ⅰ）ⅰ" in body
    reports = [client.get(f"/billing/concentration/{p}/").content.decode() for p in ("2026H1", "2026H2")]
    assert any("社会福祉法人 みどり会" in r or "株式会社 ひだまりケア" in r for r in reports)
