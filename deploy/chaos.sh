#!/usr/bin/env bash
# The seeded chaos test: Redis (with a password and an fsynced append-only file) and 3 silo processes on 127.0.0.1,
# a sweep of small real runs submitted by the real client as a process of its own, and for 10 minutes a fault every
# 20-40 s drawn from the seed: kill -9 or restart a silo, restart Redis once, kill -9 the client (started again, it
# resumes). After every fault and at the end it checks the sweep's invariants and prints the fault log.
#
#   deploy/chaos.sh                 the full test: 10 minutes of faults, sweeps of 100 runs, 2 or more (12-15 minutes on 2 cores)
#   deploy/chaos.sh --ci            the short version ./test.sh runs: 60 s of faults, 96 runs (under 4 minutes)
#   deploy/chaos.sh --seed 7        another fault schedule; --help lists every option
#
# Exit code 0 when every invariant held, 1 when one did not (the work directory with every log is kept and named).
# Needs dotnet and redis-server; binds nothing but 127.0.0.1.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v redis-server >/dev/null 2>&1 || { echo "chaos: redis-server is needed (apt-get install redis-server)" >&2; exit 2; }
if ! log="$(dotnet build "$root/tests/Chaos/Chaos.csproj" --nologo -v quiet -clp:ErrorsOnly 2>&1)"; then
  echo "$log" >&2
  exit 2
fi
exec dotnet "$root/tests/Chaos/bin/Debug/net10.0/smartmixed-chaos.dll" "$@"
