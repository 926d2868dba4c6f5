#!/usr/bin/env bash
# The foundation figures of issue #2, as docs/benchmarks.md reports them: cold start, idle RSS, and
# GET /api/spaces throughput and latency at 50 connections on H2 and on PostgreSQL, with the access
# log on (the default) and, on H2, off. Every figure is the median of RUNS runs, each on a fresh
# server, data dir and database.
#   bash bench/foundation.sh                      # about 7 minutes on 2 cores
#   RUNS=1 DURATION=8 bash bench/foundation.sh    # a quick look; not for docs/benchmarks.md
# Knobs (environment; times in seconds): RUNS=3 CONNECTIONS=50 DURATION=20 WARMUP=5 SPACES=100
#   IDLE_SECONDS=10
#   SKIP_BUILD=1 (use the jars as they are)  SKIP_PG=1 (H2 only, the PostgreSQL cells read "skipped")
# Prints a markdown table; raw results (per-run JSON and values, server log excerpts, the machine)
# go to bench-results/foundation-<time>/. Needs curl, jq and, for PostgreSQL, Debian's postgresql.
set -euo pipefail
shopt -s inherit_errexit
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/bin/java-env.sh"
pujiang_find_java

RUNS=${RUNS:-3}
CONNECTIONS=${CONNECTIONS:-50}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-5}
SPACES=${SPACES:-100}
IDLE_SECONDS=${IDLE_SECONDS:-10}
[ "$DURATION" -ge 6 ] || { echo "foundation: DURATION must be 6 seconds or more" >&2; exit 2; }
SERVER_JAR="$ROOT/pujiang-server/target/pujiang.jar"
BENCH_JAR="$ROOT/pujiang-bench/target/pujiang-bench.jar"

for tool in curl jq; do
  command -v "$tool" >/dev/null || { echo "foundation: needs $tool (apt-get install -y $tool)" >&2; exit 1; }
done

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
now_ms() { local t=${EPOCHREALTIME//[.,]/}; echo $(( t / 1000 )); } # bash 5: no date process

# --- build -----------------------------------------------------------------------------------------
stale() { # whether jar $1 is missing or older than a pom or main source
  [ ! -f "$1" ] || [ -n "$(find "$ROOT" -path "$ROOT/*/target" -prune -o -path "$ROOT/*/node_modules" -prune -o \
    \( -name pom.xml -o -path '*/src/main/*' \) -newer "$1" -print -quit)" ]
}
if [ -z "${SKIP_BUILD:-}" ] && { stale "$SERVER_JAR" || stale "$BENCH_JAR"; }; then
  log "building the jars (bin/build, tests not compiled)"
  "$ROOT/bin/build" -Dmaven.test.skip=true >&2
fi
for jar in "$SERVER_JAR" "$BENCH_JAR"; do
  [ -f "$jar" ] || { echo "foundation: $jar is missing; run bin/build" >&2; exit 1; }
done

# --- scratch space and cleanup ---------------------------------------------------------------------
RESULTS="$ROOT/bench-results/foundation-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$RESULTS"
WORK=$(mktemp -d /tmp/pujiang-foundation.XXXXXX)
chmod 755 "$WORK" # the PostgreSQL cluster runs as the postgres user and must reach its directory
SERVER_PID=""
CLIENT_PID=""
PG_DIR=""

stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  local pid=$SERVER_PID deadline=$(( $(now_ms) + 20000 ))
  SERVER_PID=""
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && [ "$(now_ms)" -lt "$deadline" ]; do sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  [ -z "$CLIENT_PID" ] || kill "$CLIENT_PID" 2>/dev/null || true
  stop_server
  [ -z "$PG_DIR" ] || "$ROOT/bin/pg-cluster" stop "$PG_DIR" || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Measure copies: a build running meanwhile then cannot swap a jar under a running JVM. Naming the
# jar also keeps the launcher from rebuilding it inside a timing.
cp "$SERVER_JAR" "$WORK/pujiang.jar"
cp "$BENCH_JAR" "$WORK/pujiang-bench.jar"
export PUJIANG_JAR="$WORK/pujiang.jar"
BENCH_JAR="$WORK/pujiang-bench.jar"

free_port() { # a port nothing listens on now
  local p i
  for i in $(seq 1 100); do
    p=$(( 20000 + RANDOM % 30000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  echo "foundation: no free port found" >&2; return 1
}

# --- PostgreSQL ------------------------------------------------------------------------------------
PG_PORT=""
if [ -z "${SKIP_PG:-}" ]; then
  PG_DIR="$WORK/pg"
  PG_PORT=$(free_port)
  log "starting a private PostgreSQL cluster on 127.0.0.1:$PG_PORT"
  "$ROOT/bin/pg-cluster" start "$PG_DIR" "$PG_PORT" >/dev/null
fi
DB_SEQ=0
fresh_pg_url() { # sets PG_URL to a new, empty database on the private cluster
  DB_SEQ=$((DB_SEQ + 1))
  local name="pujiang_bench_$DB_SEQ"
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qc "CREATE DATABASE $name" >/dev/null
  PG_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$name"
}

# --- one server ------------------------------------------------------------------------------------
# start_server NAME DB [serve flags...]: a fresh data dir (and database for DB=pg); sets SERVER_PID,
# PORT, BASE, LAUNCHED_AT and LAUNCHED_MS. env and bin/pujiang exec, so SERVER_PID ends up the JVM's PID.
start_server() {
  local name=$1 db=$2; shift 2
  local envs=() args=()
  PORT=$(free_port)
  BASE="http://127.0.0.1:$PORT"
  if [ "$db" = pg ]; then
    fresh_pg_url
    envs+=(PUJIANG_DB_USER=postgres)
    args+=(--db "$PG_URL")
  fi
  SERVER_LOG="$WORK/$name.log"
  LAUNCHED_AT=$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)
  LAUNCHED_MS=$(now_ms)
  env "${envs[@]}" "$ROOT/bin/pujiang" serve --port "$PORT" --data-dir "$WORK/data-$name" "${args[@]}" "$@" \
    >"$SERVER_LOG" 2>&1 &
  SERVER_PID=$!
}

# Whether /api/health answers 200. Bash's /dev/tcp, not curl: polling every 20 ms must not take
# the CPU that the starting server needs (a curl process costs several ms of CPU; this, none).
healthy() {
  local line=""
  { exec 3<>"/dev/tcp/127.0.0.1/$PORT"; } 2>/dev/null || return 1
  printf 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
  IFS= read -r -t 2 line <&3 || true
  exec 3<&-
  [[ $line == "HTTP/1.1 200 "* ]]
}

# Polls /api/health every 20 ms until it answers 200; prints the ms since launch.
wait_healthy() {
  local deadline=$(( LAUNCHED_MS + 120000 ))
  while :; do
    if healthy; then echo $(( $(now_ms) - LAUNCHED_MS )); return 0; fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null || (( ${EPOCHREALTIME//[.,]/} / 1000 > deadline )); then
      echo "foundation: the server did not become healthy; its log:" >&2
      tail -n 40 "$SERVER_LOG" >&2
      return 1
    fi
    sleep 0.02
  done
}

# Keeps the server's log without the access lines, which run to megabytes under load.
keep_log() {
  { echo "launched at $LAUNCHED_AT"
    awk '/ pujiang\.access - / { a++; next } n < 300 { print; n++ }
         END { print "(" a + 0 " access-log lines left out)" }' "$SERVER_LOG"; } >"$RESULTS/server-$1.log"
}

api() { # api METHOD PATH [TOKEN] [JSON]: the response body; fails on a non-2xx answer
  local args=(-sS --fail-with-body --max-time 10 -X "$1" "$BASE$2")
  [ -n "${3:-}" ] && args+=(-H "Authorization: Bearer $3")
  [ -n "${4:-}" ] && args+=(-H 'Content-Type: application/json' --data "$4")
  curl "${args[@]}"
}

# A member creates SPACES public spaces so that the default page (20) is full; prints a guest token.
seed() {
  local token i
  local login='"username":"bench-owner","password":"bench-password-1"'
  api POST /api/auth/register "" "{$login,\"displayName\":\"Bench\"}" >/dev/null
  token=$(api POST /api/auth/login "" "{$login}" | jq -r .token)
  for i in $(seq 1 "$SPACES"); do
    api POST /api/spaces "$token" "{\"name\":\"Bench gallery $i\",\"template\":\"gallery\",\"visibility\":\"public\"}" \
      >/dev/null
  done
  api POST /api/auth/guest | jq -r .token
}

median() {
  sort -g | awk '{ v[NR] = $1 }
    END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
spread() { sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { if (NR > 1) printf " (%s–%s)", lo, hi }'; }
cell() { # cell FILE: "median (min–max)" of the values in FILE, one a line
  [ -s "$1" ] || { echo "skipped"; return; }
  echo "$(median <"$1")$(spread <"$1")"
}

# --- CPU accounting ------------------------------------------------------------------------------
CLK_TCK=$(getconf CLK_TCK)
CORES=$(nproc)
proc_cpu_us() { # CPU time of the given processes so far, in µs
  local p
  for p in "$@"; do cat "/proc/$p/stat" 2>/dev/null || true; done \
    | awk -v hz="$CLK_TCK" '{ sub(/^.*\) /, ""); t += $12 + $13 } END { printf "%.0f\n", t * 1000000 / hz }'
}
pg_pids() { # the postmaster and its children, or nothing without PostgreSQL
  [ -n "$PG_PORT" ] || return 0
  local master
  master=$(head -n 1 "$PG_DIR/postmaster.pid")
  echo "$master" $(pgrep -P "$master")
}
machine_busy_us() { # CPU time all processes of this machine have used, in µs
  awk -v hz="$CLK_TCK" '/^cpu / { printf "%.0f\n", ($2 + $3 + $4 + $7 + $8 + $9) * 1000000 / hz }' /proc/stat
}
served() { # GET /api/spaces answers with 200 so far, from the server's own metrics
  curl -sf --max-time 5 "$BASE/metrics" | awk '
    /^http_server_requests_seconds_count\{/ && /method="GET"/ && /route="\/api\/spaces"/ && /status="200"/ { n += $2 }
    END { printf "%d\n", n }'
}

# --- cold start and idle RSS ---------------------------------------------------------------------
startup_run() { # startup_run DB RUN
  local db=$1 run=$2 ms pid rss cpu busy0 busy1 pg0 pg1 foreign
  busy0=$(machine_busy_us); pg0=$(proc_cpu_us $(pg_pids))
  start_server "start-$db-$run" "$db"
  pid=$SERVER_PID
  ms=$(wait_healthy)
  # The JVM's CPU, plus that of the children it reaped while still the launcher script (the java
  # the launcher runs to read the JDK's version): fields 14-17 of /proc/PID/stat.
  cpu=$(awk -v hz="$CLK_TCK" '{ sub(/^.*\) /, ""); printf "%.0f\n", ($12 + $13 + $14 + $15) * 1000 / hz }' \
    "/proc/$pid/stat")
  busy1=$(machine_busy_us); pg1=$(proc_cpu_us $(pg_pids))
  foreign=$(( ((busy1 - busy0) - cpu * 1000 - (pg1 - pg0)) / (ms * 10 * CORES) ))
  [ "$(cat "/proc/$pid/comm")" = java ] || { echo "foundation: PID $pid is not the JVM" >&2; exit 1; }
  sleep "$IDLE_SECONDS"
  rss=$(awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status")
  stop_server
  keep_log "start-$db-$run"
  echo "$ms" >>"$RESULTS/cold-start-ms-$db.txt"
  echo "$cpu" >>"$RESULTS/cold-start-cpu-ms-$db.txt"
  echo "$(( foreign < 0 ? 0 : foreign ))" >>"$RESULTS/foreign-cpu-pct-start.txt"
  echo "$rss" >>"$RESULTS/idle-rss-mib-$db.txt"
  log "start $db run $run: healthy after $ms ms and $cpu ms of CPU, RSS $rss MiB after ${IDLE_SECONDS}s idle," \
    "other processes took $(tail -n 1 "$RESULTS/foreign-cpu-pct-start.txt")% of the CPU"
}

# --- GET /api/spaces under load --------------------------------------------------------------------
# The load client shares the cores with the server. C1-compiled code is ample for it, and C2 would
# spend a CPU-second or two compiling inside the measured window, CPU the server then lacks.
CLIENT_JVM_FLAGS="-XX:TieredStopAtLevel=1"
# One line: requests served, CPU µs of the server, PostgreSQL, the client and the whole machine, ms.
snapshot() {
  echo "$(served) $(proc_cpu_us "$SERVER_PID") $(proc_cpu_us $(pg_pids)) $(proc_cpu_us "$CLIENT_PID") $(machine_busy_us) $(now_ms)"
}

# CPU per request is read inside the measured window from /proc and the server's request counter.
# So is the share of the machine's CPU that processes other than this benchmark took meanwhile:
# on a shared machine it is what explains a slow run.
load_run() { # load_run NAME DB RUN [serve flags...]
  local name=$1 db=$2 run=$3 guest out a b n0 srv0 pg0 cli0 all0 ms0 n1 srv1 pg1 cli1 all1 ms1 foreign; shift 3
  start_server "load-$name-$run" "$db" "$@"
  wait_healthy >/dev/null
  guest=$(seed)
  out="$RESULTS/spaces-$name-$run.json"
  "$JAVA" $PUJIANG_JVM_FLAGS $CLIENT_JVM_FLAGS -jar "$BENCH_JAR" http --url "$BASE/api/spaces" \
    --connections "$CONNECTIONS" --duration "${DURATION}s" --warmup "${WARMUP}s" --threads 1 \
    -H "Authorization: Bearer $guest" --json "$out" >"$RESULTS/spaces-$name-$run.txt" &
  CLIENT_PID=$!
  # The client needs about a second to start and connect before its warm-up begins.
  sleep $(( WARMUP + 2 )); a=$(snapshot)
  sleep $(( DURATION - 4 )); b=$(snapshot)
  wait "$CLIENT_PID" || true
  CLIENT_PID=""
  stop_server
  keep_log "load-$name-$run"
  if [ ! -s "$out" ]; then
    echo "foundation: load run $name-$run wrote no results:" >&2
    cat "$RESULTS/spaces-$name-$run.txt" >&2
    exit 1
  fi
  echo "$a" >"$RESULTS/spaces-$name-$run.window"; echo "$b" >>"$RESULTS/spaces-$name-$run.window"
  read -r n0 srv0 pg0 cli0 all0 ms0 <<<"$a"; read -r n1 srv1 pg1 cli1 all1 ms1 <<<"$b"
  [ $(( n1 - n0 )) -gt 0 ] || { echo "foundation: no requests counted in load run $name-$run" >&2; exit 1; }
  echo "$(( (srv1 - srv0) / (n1 - n0) ))" >>"$RESULTS/spaces-server-cpu-us-$name.txt"
  [ "$db" != pg ] || echo "$(( (pg1 - pg0) / (n1 - n0) ))" >>"$RESULTS/spaces-pg-cpu-us-$name.txt"
  foreign=$(( ((all1 - all0) - (srv1 - srv0) - (pg1 - pg0) - (cli1 - cli0)) / ((ms1 - ms0) * 10 * CORES) ))
  echo "$(( foreign < 0 ? 0 : foreign ))" >>"$RESULTS/foreign-cpu-pct-load.txt"
  jq -r '.throughput | round' "$out" >>"$RESULTS/spaces-rps-$name.txt"
  jq -r '.latencyMicros.p50 / 100 | round / 10' "$out" >>"$RESULTS/spaces-p50-ms-$name.txt"
  jq -r '.latencyMicros.p99 / 100 | round / 10' "$out" >>"$RESULTS/spaces-p99-ms-$name.txt"
  jq -r '.errors + .warmupErrors' "$out" >>"$RESULTS/spaces-errors-$name.txt"
  log "load $name run $run:" \
    "$(jq -r '"\(.throughput | round) req/s, p99 \(.latencyMicros.p99 / 100 | round / 10) ms, \(.errors) errors"' "$out")," \
    "server CPU $(tail -n 1 "$RESULTS/spaces-server-cpu-us-$name.txt") µs/request," \
    "other processes took $(tail -n 1 "$RESULTS/foreign-cpu-pct-load.txt")% of the CPU"
}

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "cpu: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)"
  echo "memory: $(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  echo "kernel: $(uname -sr)"
  echo "java: $("$JAVA" -version 2>&1 | sed -n 2p)"
  echo "postgresql: $([ -n "$PG_PORT" ] && psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -Atc 'SHOW server_version' || echo skipped)"
  echo "load average before the first run: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "settings: RUNS=$RUNS CONNECTIONS=$CONNECTIONS DURATION=$DURATION WARMUP=$WARMUP SPACES=$SPACES IDLE_SECONDS=$IDLE_SECONDS"
} >"$RESULTS/environment.txt"

# The configurations take turns within each round, so that a busy spell on this shared machine
# slows one run of each rather than every run of one. Plain ifs, not `[ ] && f`: bash ignores
# set -e inside a function called from an && list.
for run in $(seq 1 "$RUNS"); do
  startup_run h2 "$run"
  if [ -n "$PG_PORT" ]; then startup_run pg "$run"; fi
done
for run in $(seq 1 "$RUNS"); do
  load_run h2 h2 "$run"
  load_run h2-no-access-log h2 "$run" --set log.access=false
  if [ -n "$PG_PORT" ]; then load_run pg pg "$run"; fi
done

errors=$(cat "$RESULTS"/spaces-errors-*.txt | awk '{ s += $1 } END { print s + 0 }')
r() { cell "$RESULTS/$1"; }
{
  echo "| figure (median of $RUNS runs; min–max in brackets) | H2 | PostgreSQL |"
  echo "|---|---|---|"
  echo "| cold start: launch to first 200 from /api/health (ms) | $(r cold-start-ms-h2.txt) | $(r cold-start-ms-pg.txt) |"
  echo "| cold start: CPU time of the launcher and JVM until then (ms) | $(r cold-start-cpu-ms-h2.txt) | $(r cold-start-cpu-ms-pg.txt) |"
  echo "| RSS after ${IDLE_SECONDS} s idle (MiB) | $(r idle-rss-mib-h2.txt) | $(r idle-rss-mib-pg.txt) |"
  echo "| GET /api/spaces, $CONNECTIONS connections: throughput (req/s) | $(r spaces-rps-h2.txt) | $(r spaces-rps-pg.txt) |"
  echo "| GET /api/spaces: p50 latency (ms) | $(r spaces-p50-ms-h2.txt) | $(r spaces-p50-ms-pg.txt) |"
  echo "| GET /api/spaces: p99 latency (ms) | $(r spaces-p99-ms-h2.txt) | $(r spaces-p99-ms-pg.txt) |"
  echo "| GET /api/spaces: server JVM CPU per request (µs) | $(r spaces-server-cpu-us-h2.txt) | $(r spaces-server-cpu-us-pg.txt) |"
  echo "| GET /api/spaces: PostgreSQL CPU per request (µs) | | $(r spaces-pg-cpu-us-pg.txt) |"
  echo "| same, access log off: throughput (req/s) | $(r spaces-rps-h2-no-access-log.txt) | |"
  echo "| same, access log off: p50 latency (ms) | $(r spaces-p50-ms-h2-no-access-log.txt) | |"
  echo "| same, access log off: p99 latency (ms) | $(r spaces-p99-ms-h2-no-access-log.txt) | |"
  echo "| same, access log off: server JVM CPU per request (µs) | $(r spaces-server-cpu-us-h2-no-access-log.txt) | |"
  echo
  echo "Errors (non-2xx or failed requests) over all load runs: $errors. Processes other than this benchmark"
  echo "took $(cell "$RESULTS/foreign-cpu-pct-start.txt") % of the machine's CPU during the cold starts and"
  echo "$(cell "$RESULTS/foreign-cpu-pct-load.txt") % during the measured load windows."
  echo "Raw results: ${RESULTS#"$ROOT"/}"
} | tee "$RESULTS/table.md"
[ "$errors" = 0 ] || { echo "foundation: some requests failed; see the spaces-*.txt files" >&2; exit 1; }
