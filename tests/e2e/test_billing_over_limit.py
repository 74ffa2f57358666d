"""An over-limit client end to end: the 第7表 on screen shows the excess and who pays it; its PDF
(downloaded, read with pdftotext) shows the over-limit units and 全額負担; the what-if panel changes
as a candidate line is added (HTMX, nothing saved).

The client's April slip is built with the models in the server's own database (a `carebridge
shell` step between the demo and `serve`): this module runs its own server, on a database of its own."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from .conftest import DEMO_PASSWORD, _database_urls, _free_port, login

pytestmark = pytest.mark.e2e


SLIP_SCRIPT = """
import datetime as dt
from carebridge.billing.models import UsageSlip, UsageLine
from carebridge.clients.models import Certification, Client
from carebridge.core.models import User
from carebridge.directory.models import Provider

cm = User.objects.get(username="cm_a1")
office = cm.office
client = Client.objects.create(
    office=office, name="超過 一郎", kana="チョウカ イチロウ", birth_date=dt.date(1940, 5, 5), sex="male",
    insurer_number="131128", insured_number="0000990001", care_manager=cm,
)
Certification.objects.create(
    office=office, client=client, status="certified", care_level="care_2", certified_on=dt.date(2026, 3, 25),
    valid_from=dt.date(2026, 4, 1), valid_to=dt.date(2027, 3, 31), copay_rate=10,
)
helper = Provider.objects.create(office=office, name="ヘルパーステーション超過", service_type_codes=["11"])
day = Provider.objects.create(office=office, name="デイサービス超過", service_type_codes=["15"])
slip = UsageSlip.objects.create(office=office, client=client, month=dt.date(2026, 4, 1), care_manager=cm)

def days(n):
    return "1" * n + "0" * (31 - n)

rows = [
    (helper, "11", "111211", "身体介護2", 387, 20),
    (helper, "11", "112111", "生活援助3", 220, 12),
    (day, "15", "151112", "通所介護7-8時間", 777, 13),
    (day, "15", "155011", "入浴介助加算Ⅰ", 40, 13),
]
for position, (provider, kind, code, name, units, count) in enumerate(rows):
    UsageLine.objects.create(
        office=office, slip=slip, position=position, provider=provider, provider_name=provider.name,
        service_type=kind, service_code=code, service_name=name, units=units, planned_days=days(count),
    )
print("CLIENT", client.pk)
"""


@pytest.fixture(scope="module")
def billing_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    tmp = tmp_path_factory.mktemp("e2e_billing")
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "carebridge.settings.dev",
        "CAREBRIDGE_VAR_DIR": str(tmp),
        **_database_urls(tmp, "e2e_billing"),
        "CAREBRIDGE_DEMO_PASSWORD": DEMO_PASSWORD,
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
    }
    cli = [sys.executable, "-m", "carebridge.cli"]
    for step in (
        ["migrate", "--noinput"],
        ["collectstatic", "--noinput", "--verbosity", "0"],
        ["demo", "--quiet"],
    ):
        subprocess.run([*cli, *step], env=env, check=True, timeout=300, capture_output=True)
    made = subprocess.run(
        [*cli, "shell", "-c", SLIP_SCRIPT], env=env, check=True, timeout=120, capture_output=True, text=True
    )
    client_id = int(re.search(r"CLIENT (\d+)", made.stdout).group(1))  # type: ignore[union-attr]
    log = (tmp / "server.log").open("w")
    proc = subprocess.Popen([*cli, "serve"], env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base}/accounts/login/", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((tmp / "server.log").read_text()) from None
            time.sleep(0.3)
    yield base, client_id
    proc.terminate()
    proc.wait(timeout=20)


def test_over_limit_client_sheet_pdf_and_what_if(billing_server, page, shots, tmp_path):
    base, client_id = billing_server
    login(page, base, "clerk_a")  # the clerk does the billing

    # The 第6表 screen: the excess over the limit, and on its what-if panel who pays and how much;
    # a line added there moves the figures at once.
    page.goto(f"{base}/billing/clients/{client_id}/slips/2026-04/")
    assert "限度額超過" in page.locator("#header").inner_text()
    slip_over = page.locator("#what-if-over")
    expect(slip_over).to_have_text("1,296単位")  # the panel loads itself (hx-trigger=load)
    assert "全額自己負担" in page.locator("#what-if").inner_text()
    full_pay_before = page.locator("#what-if-full-pay").inner_text()
    page.get_by_label("検討行1 サービス種類コード").fill("11")
    page.get_by_label("検討行1 単位数").fill("387")
    page.get_by_label("検討行1 回数").fill("1")
    page.get_by_label("検討行1 回数").press("Tab")
    expect(slip_over).to_have_text("1,683単位")  # 1,296 + 387
    assert page.locator("#what-if-full-pay").inner_text() != full_pay_before
    page.screenshot(path=shots / "billing-slip-what-if.png", full_page=True)

    page.goto(f"{base}/billing/clients/{client_id}/slips/2026-04/annex/")

    # The screen: the excess, and who pays it, in plain words.
    assert page.locator("#annex-over").inner_text() == "1,296"
    summary = page.locator("#annex-summary").inner_text()
    assert "1,296単位超えています" in summary
    assert "全額自己負担" in summary
    assert "デイサービス超過「入浴介助加算Ⅰ」520単位" in summary
    full_pay = page.locator("#total-full-pay").inner_text()
    page.screenshot(path=shots / "billing-annex-over-limit.png", full_page=True)

    # The PDF: downloaded and read back.
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF（A4横）").click()
    pdf = tmp_path / "annex.pdf"
    download.value.save_as(pdf)
    text = re.sub(
        r"\s+",
        "",
        subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout,
    )
    assert "サービス利用票別表" in text and "令和8年4月分" in text
    assert "区分支給限度基準を超える単位数1,296単位" in text
    assert full_pay in text and "全額負担" in text

    # The what-if panel: a candidate line changes the figures at once, and nothing is saved.
    over = page.locator("#what-if-over")
    assert over.inner_text() == "1,296単位"
    pays_before = page.locator("#what-if-pays").inner_text()
    page.get_by_label("検討行1 サービス種類コード").fill("11")
    page.get_by_label("検討行1 単位数").fill("387")
    page.get_by_label("検討行1 回数").fill("2")
    page.get_by_label("検討行1 回数").press("Tab")  # change → hx-post
    expect(over).to_have_text("2,070単位")  # 1,296 + 387 × 2
    assert page.locator("#what-if-pays").inner_text() != pays_before
    page.get_by_role("button", name="行を追加").click()
    expect(page.locator("input[name=cand_type]")).to_have_count(2)
    assert page.get_by_label("検討行1 単位数").input_value() == "387"  # the typed row is kept
    page.screenshot(path=shots / "billing-what-if.png", full_page=True)

    page.reload()
    assert page.locator("#annex-over").inner_text() == "1,296"  # nothing was saved
