"""Benchmark: concurrent writers saving progress notes (第5表) through the real app.

Starts the app as `make run` does (migrate, collectstatic, demo, `carebridge serve` — gunicorn on a
loopback port) against a fresh database of its own: a SQLite file in a temporary directory, or a
PostgreSQL database it creates (dropped first if it exists). WRITERS threads log in as the demo
care managers (cm_a1, cm_a2, cm_b1 in turn, one session each) and, for SECONDS, save notes one
after another: most through the HTML form (GET once for the CSRF token, then POST, as the page
does), every fifth writer through the API (POST with a token from `carebridge createtoken`).
Prints requests, errors by kind, throughput and latency; figures are printed, not asserted.

    uv run python bench/concurrent_writes.py --db sqlite --writers 20 --seconds 30
    uv run python bench/concurrent_writes.py --db postgres --writers 20 --seconds 30

Bounded: at most 50 writers, 120 seconds, 30 s per request, and --max-requests in all. The API's
per-user rate limit (CAREBRIDGE_API_RATE) is raised for the run: it is not what is measured.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = os.environ.get("CAREBRIDGE_DEMO_PASSWORD", "carebridge-demo")
USERS = ("cm_a1", "cm_a2", "cm_b1")
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    ok: int = 0
    ok_by_path: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    latencies_ms: list[float] = field(default_factory=list)

    def add(self, path: str, error: str | None, ms: float) -> None:
        with self.lock:
            self.latencies_ms.append(ms)
            if error is None:
                self.ok += 1
                self.ok_by_path[path] += 1
            else:
                self.errors[f"{path} {error}"] += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--writers", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes (WEB_CONCURRENCY)")
    parser.add_argument("--threads", type=int, default=5, help="gunicorn threads per worker (gthread)")
    parser.add_argument("--port", type=int, default=8104)
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/carebridge_h7sqlite_bench")
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--src", type=Path, help="serve another checkout's src/ (e.g. the commit before)")
    args = parser.parse_args()
    writers = max(1, min(args.writers, 50))
    seconds = max(1.0, min(args.seconds, 120.0))

    tmp = Path(tempfile.mkdtemp(prefix="cb-writes-"))
    env = server_env(args, tmp)
    server: subprocess.Popen[bytes] | None = None
    try:
        prepare(env, args)
        log = tmp / "server.log"
        server = start_server(env, args, log)
        base = f"http://127.0.0.1:{args.port}"
        wait_until_up(base, server)
        token = carebridge(env, "createtoken", "cm_a1").strip().split()[-1]
        before = count_notes(env)
        tally, elapsed = run_writers(base, token, writers, seconds, args.max_requests)
        saved = count_notes(env) - before
        report(args, writers, seconds, tally, elapsed, saved, log)
    finally:
        if server is not None:
            server.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                server.wait(timeout=20)
            if server.poll() is None:
                server.kill()
        shutil.rmtree(tmp, ignore_errors=True)
        if args.db == "postgres":
            drop_postgres_database(args.pg_url)


# -- the app ------------------------------------------------------------------------------------


def server_env(args: argparse.Namespace, tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "carebridge.settings.dev",
            "CAREBRIDGE_VAR_DIR": str(tmp / "var"),
            "HOST": "127.0.0.1",
            "PORT": str(args.port),
            "WEB_CONCURRENCY": str(args.workers),
            "CAREBRIDGE_API_RATE": "1000000/m",
        }
    )
    if args.db == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{tmp / 'carebridge.sqlite3'}"
    else:
        env["DATABASE_URL"] = args.pg_url
        recreate_postgres_database(args.pg_url)
    if args.src is not None:
        env["PYTHONPATH"] = str(args.src.resolve())
    return env


def _postgres_admin(url: str) -> tuple[str, str]:
    name = url.rsplit("/", 1)[1]
    if not re.fullmatch(r"carebridge_[a-z0-9_]+", name):
        raise SystemExit(f"refusing to drop {name!r}: give a database name starting carebridge_")
    return url.rsplit("/", 1)[0] + "/postgres", name


def recreate_postgres_database(url: str) -> None:
    import psycopg

    admin, name = _postgres_admin(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")


def drop_postgres_database(url: str) -> None:
    import psycopg

    admin, name = _postgres_admin(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def carebridge(env: dict[str, str], *command: str) -> str:
    done = subprocess.run(  # noqa: S603 - our own interpreter and command
        [sys.executable, "-m", "carebridge.cli", *command], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"carebridge {' '.join(command)} failed:\n{done.stderr[-2000:]}")
    return done.stdout


def prepare(env: dict[str, str], args: argparse.Namespace) -> None:
    started = time.perf_counter()
    print(f"準備: 新しいデータベース ({args.db}), migrate, collectstatic, demo …", flush=True)
    steps = {}
    for command in (("migrate", "--noinput"), ("collectstatic", "--noinput", "--verbosity", "0"), ("demo",)):
        began = time.perf_counter()
        carebridge(env, *command)
        steps[command[0]] = time.perf_counter() - began
    shown = ", ".join(f"{name} {took:.0f}" for name, took in steps.items())
    print(f"準備: {time.perf_counter() - started:.0f} 秒 ({shown})", flush=True)


def start_server(env: dict[str, str], args: argparse.Namespace, log: Path) -> subprocess.Popen[bytes]:
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", args.port)) == 0:
            raise SystemExit(f"port {args.port} is in use")
    extra = ["--threads", str(args.threads)] if args.threads > 1 else []
    with log.open("wb") as out:
        return subprocess.Popen(  # noqa: S603 - our own interpreter and command
            [sys.executable, "-m", "carebridge.cli", "serve", *extra], env=env, stdout=out, stderr=subprocess.STDOUT
        )


def wait_until_up(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server stopped while starting")
        with contextlib.suppress(requests.RequestException):
            if requests.get(f"{base}/accounts/login/", timeout=5).status_code == 200:
                return
        time.sleep(0.3)
    raise SystemExit("the server did not answer within 60 s")


def count_notes(env: dict[str, str]) -> int:
    code = "from carebridge.casework.models import ProgressNote; print(ProgressNote.objects.count())"
    return int(carebridge(env, "shell", "-c", code).strip().splitlines()[-1])


# -- the writers --------------------------------------------------------------------------------


class Writer:
    def __init__(self, base: str, index: int, token: str) -> None:
        self.base = base
        self.api = index % 5 == 4  # every fifth writer saves through the API
        self.username = USERS[index % len(USERS)]
        self.http = requests.Session()
        self.token = token
        self.clients: list[int] = []
        self.csrf = ""

    def log_in(self) -> None:
        page = self.http.get(f"{self.base}/accounts/login/", timeout=30)
        form = {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": csrf_of(page.text)}
        answer = self.http.post(f"{self.base}/accounts/login/", data=form, timeout=60, allow_redirects=False)
        if answer.status_code != 302:
            raise SystemExit(f"login of {self.username} answered {answer.status_code}")
        listed = self.http.get(f"{self.base}/api/v1/clients", timeout=30)
        self.clients = [row["id"] for row in listed.json()["items"]]
        page = self.http.get(f"{self.base}/care/clients/{self.clients[0]}/notes/", timeout=30)
        self.csrf = csrf_of(page.text)  # the session's CSRF token, as the notes form carries it
        if self.api:
            self.http = requests.Session()  # the API writer: a token, no session
            self.http.headers["Authorization"] = f"Bearer {self.token}"
            listed = self.http.get(f"{self.base}/api/v1/clients", timeout=30)
            self.clients = [row["id"] for row in listed.json()["items"]]

    def save_note(self, n: int) -> tuple[str, str | None]:
        client_id = random.choice(self.clients)
        today = dt.date.today().isoformat()  # noqa: DTZ011 - a benchmark's own clock
        content = f"負荷試験 {self.username} {n}: 電話で体調を確認した。"
        if self.api:
            path = "API"
            answer = self.http.post(
                f"{self.base}/api/v1/clients/{client_id}/progress-notes",
                json={"noted_on": today, "category": "phone", "content": content},
                timeout=30,
            )
            expected = 201
        else:
            path = "form"
            form = {"noted_on": today, "category": "phone", "content": content, "csrfmiddlewaretoken": self.csrf}
            answer = self.http.post(
                f"{self.base}/care/clients/{client_id}/notes/",
                data=form,
                headers={"Referer": f"{self.base}/care/clients/{client_id}/notes/"},
                timeout=30,
                allow_redirects=False,
            )
            expected = 302
        return path, None if answer.status_code == expected else f"HTTP {answer.status_code}"


def csrf_of(html: str) -> str:
    found = CSRF_RE.search(html)
    if found is None:
        raise SystemExit("no CSRF token on the page")
    return found.group(1)


def run_writers(base: str, token: str, writers: int, seconds: float, cap: int) -> tuple[Tally, float]:
    crew = [Writer(base, i, token) for i in range(writers)]
    print(f"ログイン: {writers} 人分 ({', '.join(USERS)} を順に、API は 5 人に 1 人)", flush=True)
    for writer in crew:
        writer.log_in()
    tally = Tally()
    budget = threading.Semaphore(cap)
    start = threading.Barrier(writers + 1)
    stop_at = 0.0

    def work(writer: Writer) -> None:
        start.wait()
        n = 0
        while time.monotonic() < stop_at and budget.acquire(blocking=False):
            n += 1
            began = time.perf_counter()
            try:
                path, error = writer.save_note(n)
            except requests.RequestException as exc:
                path, error = ("API" if writer.api else "form"), type(exc).__name__
            tally.add(path, error, (time.perf_counter() - began) * 1000)

    threads = [threading.Thread(target=work, args=(w,), daemon=True) for w in crew]
    for thread in threads:
        thread.start()
    began = time.monotonic()
    stop_at = began + seconds
    start.wait()
    tty = sys.stderr.isatty()
    while any(t.is_alive() for t in threads):
        time.sleep(1)
        if tty:
            with tally.lock:
                ok, bad = tally.ok, sum(tally.errors.values())
            sys.stderr.write(f"\r  {time.monotonic() - began:5.0f} / {seconds:.0f} 秒  保存 {ok:6d}  エラー {bad:4d}")
            sys.stderr.flush()
    if tty:
        sys.stderr.write("\n")
    return tally, time.monotonic() - began


# -- the figures --------------------------------------------------------------------------------


def report(
    args: argparse.Namespace, writers: int, seconds: float, tally: Tally, elapsed: float, saved: int, log: Path
) -> None:
    latencies = sorted(tally.latencies_ms)
    errors = sum(tally.errors.values())
    requests_made = len(latencies)
    server_log = log.read_text(errors="replace")
    retries = server_log.count("SQLite write lock busy")
    locked = server_log.count("database is locked")
    p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)] if latencies else 0.0
    server = f"gunicorn {args.workers} workers × {args.threads} threads" + (f", src {args.src}" if args.src else "")
    print()
    print(f"同時書き込み: {args.db}, 書き手 {writers} 人 × {seconds:.0f} 秒, {server}, {os.cpu_count()} コア")
    print(f"  要求            {requests_made:8d}   ({requests_made / elapsed:.1f} 件/秒)")
    print(f"  保存（成功）    {tally.ok:8d}   form {tally.ok_by_path['form']}, API {tally.ok_by_path['API']}")
    print(f"  エラー          {errors:8d}   ({100 * errors / max(requests_made, 1):.1f} %)")
    for kind, count in tally.errors.most_common():
        print(f"    {kind:<22} {count:6d}")
    if latencies:
        print(f"  応答時間 ms     p50 {statistics.median(latencies):7.1f}   p95 {p95:7.1f}   max {latencies[-1]:7.1f}")
    print(f"  増えた支援経過  {saved:8d}   ({'成功数と一致' if saved == tally.ok else '成功数と不一致!'})")
    print(f"  サーバーログ: BEGIN の再試行 {retries} 回, 'database is locked' {locked} 回")


if __name__ == "__main__":
    main()
