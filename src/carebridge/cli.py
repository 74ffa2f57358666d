"""The `carebridge` console command.

carebridge serve              gunicorn on $HOST:$PORT (default 127.0.0.1:8000) with the settings
                              of $DJANGO_SETTINGS_MODULE (default carebridge.settings.dev)
carebridge demo               load the demo offices, users and clients (idempotent)
carebridge createtoken USER   print a new API token for USER
carebridge audit verify       check the audit trail's hash chains (--office N: one office)
carebridge import_providers   CSV import of the provider directory
carebridge export federation --office OFFICE_NUMBER --month YYYY-MM --out DIR [--close]
                              the 国保連 file of 給付管理票 (recorded as a send, like the page's)
carebridge workcare entitlements --input FILE|-
                              leave entitlements of an employee as JSON (育児・介護休業法)
carebridge master import FILE [--dry-run] [--as USER]
                              load the service master from a CSV (docs/billing-master-csv.md)
carebridge billing simulate --input FILE|-
                              limit management and copay of a client's month as JSON (給付管理)
carebridge export careplan-exchange --office N --month YYYY-MM [--client ID] --out DIR
                              ケアプランデータ連携 files (plan set and month set), one zip per destination;
                              --withdraw-plan PLAN_ID (DLT1KYO), --withdraw-month CLIENT_ID (DLTPLAN)
carebridge check careplan-exchange DIR
                              check exchange files against the v4.1 layout (exit 1 on findings)
carebridge import careplan-exchange FILE... [--dry-run] [--office N]
                              UPJSK/DLTJSK actuals into 第6表 (preview; exit 1 on errors)
carebridge export office --office N --out FILE
                              the whole office as one archive (docs/office-archive.md)
carebridge import office FILE rebuild an office from that archive on a database without it
carebridge <django command>   anything `manage.py` knows (migrate, check, shell …)
"""

from __future__ import annotations

import os
import sys


def _serve(args: list[str]) -> None:
    import multiprocessing

    port = os.environ.get("PORT", "8000")
    host = os.environ.get("HOST", "127.0.0.1")
    workers = os.environ.get("WEB_CONCURRENCY", str(min(4, multiprocessing.cpu_count() * 2)))
    argv = [
        sys.executable,
        "-m",
        "gunicorn",
        "carebridge.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        workers,
        "--access-logfile",
        "-",
        # Path only (%(U)s): query strings can hold searched names, which must never reach a log.
        "--access-logformat",
        '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms',
        *args,
    ]
    os.execv(sys.executable, argv)  # noqa: S606 - replaces this process with the server


# Two-word commands routed to one management command each (`check` alone stays Django's own).
TWO_WORD_COMMANDS = {
    ("export", "careplan-exchange"): "export_careplan_exchange",
    ("check", "careplan-exchange"): "check_careplan_exchange",
    ("import", "careplan-exchange"): "import_careplan_exchange",
    ("export", "office"): "export_office",
    ("import", "office"): "import_office",
}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "carebridge.settings.dev")
    args = sys.argv[1:]
    if args and args[0] == "serve":
        _serve(args[1:])
        return
    routed = TWO_WORD_COMMANDS.get((args[0], args[1])) if len(args) >= 2 else None
    if routed is not None:
        args = [routed, *args[2:]]
    from django.core.management import execute_from_command_line

    execute_from_command_line(["carebridge", *args])


if __name__ == "__main__":
    main()
