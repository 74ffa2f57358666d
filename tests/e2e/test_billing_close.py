"""The month close journey: clerk_a opens the close page of this month for office A, sees the
totals and the pre-send check (clients without a valid certification or plan stay as drafts, listed),
closes the month, makes the 国保連 file (HTMX, with a progress indicator) and downloads it; the
downloaded bytes parse back (MS932, CRLF, 821, 8222 — kyotaku.md 給付管理票)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from carebridge.billing import federation_csv

from .conftest import SERVER_ENV, login

pytestmark = pytest.mark.e2e
SEED = Path(__file__).with_name("billing_close_seed.py")


def _seed() -> str:
    done = subprocess.run(
        [sys.executable, "-m", "carebridge.cli", "shell", "-c", SEED.read_text()],
        env=SERVER_ENV,
        check=True,
        timeout=300,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip().splitlines()[-1]


def test_clerk_a_closes_the_month_and_downloads_the_file(server, page, shots, tmp_path):
    month = _seed()
    login(page, server, "clerk_a")
    page.goto(f"{server}/billing/close/{month}/")
    assert page.locator("#presend-check").is_visible()
    assert page.locator("#presend-ok").is_visible(), page.locator("#presend-check").inner_text()
    page.screenshot(path=shots / "60-billing-close.png", full_page=True)

    page.locator("#close-button").click()
    page.wait_for_load_state("networkidle")
    assert "を締めました" in page.content()
    assert "新規" in page.locator("#statement-kinds").inner_text()

    page.locator("#export-button").click()
    page.locator("#download-link").wait_for()
    page.screenshot(path=shots / "61-billing-export.png", full_page=True)
    with page.expect_download() as info:
        page.locator("#download-link").click()
    path = tmp_path / "federation.csv"
    info.value.save_as(path)
    content = path.read_bytes()
    parsed = federation_csv.parse(content)
    assert parsed.errors == []
    assert parsed.control["data_kind"] == "821"
    assert parsed.totals and all(t["exchange_id"] == "8222" for t in parsed.totals)

    page.goto(f"{server}/billing/sends/")
    assert info.value.suggested_filename in page.content()
