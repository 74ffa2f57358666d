#!/usr/bin/env bash
# Installs Debian's chromium (for Playwright), poppler-utils (pdftoppm) and postgresql-client
# (pg_dump and pg_restore for `carebridge backup` / `restore` on PostgreSQL) when missing.
# Debian's postgresql-client follows Debian's server version; for another server version install
# postgresql-client-<major> (from apt.postgresql.org) — `carebridge backup` refuses an older pg_dump.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
{ command -v pg_dump && command -v pg_restore; } >/dev/null 2>&1 || missing+=(postgresql-client)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing ${missing[*]} from Debian ..."
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
