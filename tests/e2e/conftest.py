"""Browser journeys against a real server: `carebridge migrate`, `demo`, `serve` in a subprocess,
driven by Playwright with Debian's /usr/bin/chromium. Screenshots go to test-artifacts/e2e/."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "e2e"
DEMO_PASSWORD = "carebridge-demo"
# The running server's environment (its database): a journey that needs records the demo does not
# make yet writes them with `carebridge shell -c` under this environment.
SERVER_ENV: dict[str, str] = {}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _database_urls(tmp: Path, suffix: str = "e2e") -> dict[str, str]:
    """The server's database. On PostgreSQL a fresh one with two roles, as in production (ADR
    0004): `carebridge migrate` runs as the owner and grants; the server connects as the app role.
    A module with a server of its own passes its own `suffix`: the same name would drop the session
    server's database under it (DROP ... WITH (FORCE) cuts its connections: its next request fails)."""
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("postgresql"):
        import psycopg

        from .. import pg_roles

        name = f"{db['NAME']}_{suffix}"  # after the suite's own database: workers on one server do not collide
        host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
        owner = pg_roles.OWNER_USER
        dsn = psycopg.conninfo.make_conninfo(
            host=host, port=port, user=owner, password=pg_roles.OWNER_PASSWORD or None, dbname="postgres"
        )
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {name}")
            pg_roles.ensure_app_role(conn.cursor())
        return pg_roles.urls(host, port, name)
    return {"DATABASE_URL": f"sqlite:///{tmp / 'e2e.sqlite3'}"}


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("e2e")
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "carebridge.settings.dev",
        "CAREBRIDGE_VAR_DIR": str(tmp),
        **_database_urls(tmp),
        "CAREBRIDGE_DEMO_PASSWORD": DEMO_PASSWORD,
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
    }
    SERVER_ENV.clear()
    SERVER_ENV.update(env)
    cli = [sys.executable, "-m", "carebridge.cli"]
    for step in (
        ["migrate", "--noinput"],
        ["collectstatic", "--noinput", "--verbosity", "0"],
        ["demo", "--quiet"],
    ):
        subprocess.run([*cli, *step], env=env, check=True, timeout=300, capture_output=True)
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
    yield base
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} がありません: `make test` (scripts/ensure-system-packages.sh) がインストールします。")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; Django then refuses database calls
    # of the in-process tests a worker runs after a journey (pytest-xdist mixes files on a
    # worker). Those tests are synchronous: the guard only gets in their way.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1180, "height": 820}, locale="ja-JP")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def shots() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def login(page, base: str, username: str, password: str = DEMO_PASSWORD) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
