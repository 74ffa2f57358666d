"""Django's SQLite backend, with writers that wait their turn (ENGINE "carebridge.core.sqlite").

- Transactions start as `BEGIN IMMEDIATE` (OPTIONS transaction_mode): a writer takes the write
  lock when its transaction begins, so SQLite's busy timeout applies. A deferred transaction that
  read first and writes later gets "database is locked" at once, without waiting.
- If the lock is still held after the busy timeout, BEGIN is tried again (bounded, jittered
  backoff): nothing of the transaction has run yet, so a retry cannot write twice.
- A database file that does not exist yet is created 0600 before SQLite opens it.
"""

from __future__ import annotations

import logging
import random
import time
from typing import Any

from django.db import OperationalError
from django.db.backends.sqlite3 import base

from . import BEGIN_ATTEMPTS, create_private, database_file, is_database_busy

logger = logging.getLogger("carebridge.db")


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        path = database_file(conn_params.get("database", ""))
        if path is not None and create_private(path):
            logger.info("SQLite database file created (mode 0600)")
        return super().get_new_connection(conn_params)

    def _start_transaction_under_autocommit(self) -> None:
        """Django's BEGIN (in the configured transaction_mode), tried up to BEGIN_ATTEMPTS times."""
        mode = getattr(self, "transaction_mode", None)
        for attempt in range(1, BEGIN_ATTEMPTS + 1):
            try:
                self.cursor().execute(f"BEGIN {mode}" if mode else "BEGIN")
            except OperationalError as error:
                if attempt == BEGIN_ATTEMPTS or not is_database_busy(error):
                    raise
                logger.warning("SQLite write lock busy: BEGIN attempt %d of %d", attempt, BEGIN_ATTEMPTS)
                time.sleep(random.uniform(0.05, 0.25) * attempt)  # noqa: S311 - jitter, not a secret
            else:
                return
