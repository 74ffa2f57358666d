"""Local settings used by `make run`: one office on one machine, served over http on loopback."""

import secrets

from .base import *  # noqa: F403
from .base import VAR_DIR

# A secret key generated once per installation and kept under var/ (never in the repository).
_secret_file = VAR_DIR / "secret_key"
if not _secret_file.exists():
    _secret_file.write_text(secrets.token_urlsafe(50))
    _secret_file.chmod(0o600)
SECRET_KEY = _secret_file.read_text().strip()
