#!/usr/bin/env bash
# Run before `npm test` and `npm run bench`: the store tests run against a real PostgreSQL server, started as a
# private cluster on loopback by the test command itself (test/support/postgres-global-setup.ts). Installs
# Debian's postgresql when no server binaries are found and this machine can (Debian, root or sudo).
# Skipped when TEST_DATABASE_URL names a server to use instead.
set -euo pipefail
[ -n "${TEST_DATABASE_URL:-}" ] && exit 0
for bin in /usr/lib/postgresql/*/bin; do
  [ -x "$bin/initdb" ] && [ -x "$bin/postgres" ] && exit 0
done
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-postgres: no PostgreSQL server binaries and apt-get is not available; install PostgreSQL or set TEST_DATABASE_URL" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
echo "ensure-postgres: installing Debian's postgresql for the store tests" >&2
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
# The package starts a system cluster of its own; the tests never use it.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null
