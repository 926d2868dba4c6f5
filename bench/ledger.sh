#!/usr/bin/env bash
# The transparency-log figures of issue #6: for each database (H2, PostgreSQL on a private cluster)
#   1. durable appends/s through the server's log writer (`pujiang-bench ledger-append`: PRODUCERS
#      threads, ack latency p50/p99, entries per batch; median of RUNS runs, each on a fresh database),
#   2. a log filled with FILL valid entries (`pujiang-bench ledger-fill`) and the time to fill it,
#   3. `bin/pujiang serve` started on that log (time to ready: it replays every entry),
#   4. proof latency on it (`pujiang-bench ledger-proofs`: inclusion and consistency, sequential and
#      CONCURRENCY threads),
#   5. `bin/pujiang log verify --full` over it (download every entry, recompute the root), timed.
# Prints one markdown table; raw output goes to bench-results/ledger-<time>/.
#   bash bench/ledger.sh                                   # the figures: 300k appends × 3 runs, 1M fill
#   APPEND_ENTRIES=20000 FILL=20000 RUNS=1 QUERIES=300 bash bench/ledger.sh   # a quick look
# Knobs (environment): DBS ("h2 pg"), APPEND_ENTRIES (300000), PRODUCERS (64), OUTSTANDING (256),
#   RUNS (3), FILL (1000000), QUERIES (2000), CONCURRENCY (16), VERIFY_PARALLEL (4),
#   PG_DURABLE (1: PostgreSQL with fsync and synchronous_commit on, as a production server runs, so
#   that its appends are as durable as H2's synced ones; 0: bin/pg-cluster's fast test settings),
#   SERVER_CPUS / BENCH_CPUS (taskset lists), SKIP_BUILD=1.
# Needs curl and jq; Debian's postgresql for pg.
set -euo pipefail
shopt -s inherit_errexit
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/bin/java-env.sh"
pujiang_find_java

DBS=${DBS:-h2 pg}
APPEND_ENTRIES=${APPEND_ENTRIES:-300000}
PRODUCERS=${PRODUCERS:-64}
OUTSTANDING=${OUTSTANDING:-256}
RUNS=${RUNS:-3}
FILL=${FILL:-1000000}
QUERIES=${QUERIES:-2000}
CONCURRENCY=${CONCURRENCY:-16}
VERIFY_PARALLEL=${VERIFY_PARALLEL:-4}
PG_DURABLE=${PG_DURABLE:-1}
SERVER_JAR="$ROOT/pujiang-server/target/pujiang.jar"
BENCH_JAR="$ROOT/pujiang-bench/target/pujiang-bench.jar"
for db in $DBS; do
  case "$db" in h2|pg) ;; *) echo "ledger: DBS holds h2 and/or pg, got '$db'" >&2; exit 2 ;; esac
done
for tool in curl jq; do
  command -v "$tool" >/dev/null || { echo "ledger: needs $tool (apt-get install -y $tool)" >&2; exit 1; }
done
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
now_ms() { local t=${EPOCHREALTIME//[.,]/}; echo $(( t / 1000 )); }

if [ -z "${SKIP_BUILD:-}" ]; then
  log "building the jars (bin/build, tests not compiled)"
  "$ROOT/bin/build" -Dmaven.test.skip=true >&2
fi
for jar in "$SERVER_JAR" "$BENCH_JAR"; do
  [ -f "$jar" ] || { echo "ledger: $jar is missing; run bin/build" >&2; exit 1; }
done

RESULTS="$ROOT/bench-results/ledger-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$RESULTS"
WORK=$(mktemp -d /tmp/pujiang-ledger.XXXXXX)
chmod 755 "$WORK" # the PostgreSQL cluster runs as the postgres user and must reach its directory
SERVER_PID=""
PG_DIR=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  [ -z "$PG_DIR" ] || "$ROOT/bin/pg-cluster" stop "$PG_DIR" || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Run copies: a build running meanwhile then cannot swap a jar under a running JVM.
cp "$SERVER_JAR" "$WORK/pujiang.jar"
cp "$BENCH_JAR" "$WORK/pujiang-bench.jar"
export PUJIANG_JAR="$WORK/pujiang.jar"

free_port() { # a port nothing listens on now
  local p i
  for i in $(seq 1 100); do
    p=$(( 20000 + RANDOM % 30000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  echo "ledger: no free port found" >&2; return 1
}
pin() { # pin CPUS CMD...: run CMD (in place of this shell) on the given cores when CPUS is set
  local cpus=$1; shift
  if [ -n "$cpus" ]; then exec taskset -c "$cpus" "$@"; else exec "$@"; fi
}
bench() { # bench ARGS...: the bench jar on BENCH_CPUS, in place of the calling (sub)shell
  # shellcheck disable=SC2086
  pin "${BENCH_CPUS:-}" "$JAVA" $PUJIANG_JVM_FLAGS ${PUJIANG_BENCH_JAVA_OPTS:-} -jar "$WORK/pujiang-bench.jar" "$@"
}
json_of() { # json_of FILE: the last line of a run's output, checked to be JSON
  tail -n 1 "$1" > "$1.json"
  jq -e . "$1.json" >/dev/null 2>&1 || { echo "ledger: no JSON report in $1:" >&2; tail -n 20 "$1" >&2; exit 1; }
  echo "$1.json"
}

# --- PostgreSQL ------------------------------------------------------------------------------------
PG_URL=""
if [[ " $DBS " == *" pg "* ]]; then
  PG_DIR="$WORK/pg"
  PG_PORT=$(free_port)
  log "starting a private PostgreSQL cluster on 127.0.0.1:$PG_PORT"
  PG_URL=$("$ROOT/bin/pg-cluster" start "$PG_DIR" "$PG_PORT")
  if [ "$PG_DURABLE" = 1 ]; then
    # bin/pg-cluster runs with fsync and synchronous_commit off (fine for tests): a commit would then be
    # acknowledged before it is on disk. Restart the same cluster with the defaults (both on).
    "$ROOT/bin/pg-cluster" stop "$PG_DIR"
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r | head -n 1)
    [ -n "$pg_bin" ] || pg_bin=$(dirname "$(command -v pg_ctl)")
    as_pg=(env); [ "$(id -u)" = 0 ] && as_pg=(runuser -u postgres --)
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/server.log" -w -t 60 \
      -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$PG_DIR -c max_connections=200" \
      start >/dev/null
  fi
  PG_SETTINGS=$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -At \
    -c "SELECT current_setting('fsync') || '/' || current_setting('synchronous_commit')" 2>/dev/null || echo "?")
  log "PostgreSQL fsync/synchronous_commit: $PG_SETTINGS"
fi
db_args() { # db_args DB: the bench's database options
  if [ "$1" = pg ]; then echo "--db pg --url $PG_URL --user postgres"; else echo "--db h2"; fi
}

# --- the server on a filled log ----------------------------------------------------------------------
PASSWORD="ledger-$(date +%s)-$RANDOM"
start_server() { # start_server DB DATA_DIR: sets BASE and START_MS
  local db=$1 data=$2 port args=()
  port=$(free_port)
  [ "$db" = pg ] && args=(--db "$PG_URL")
  local t0; t0=$(now_ms)
  (export PUJIANG_DB_USER=postgres PUJIANG_ADMIN_PASSWORD="$PASSWORD" PUJIANG_DEMO_ENABLED=false \
    PUJIANG_LOG_ACCESS=false
   [ "$db" = pg ] || unset PUJIANG_DB_USER
   pin "${SERVER_CPUS:-}" "$ROOT/bin/pujiang" serve --port "$port" --mqtt-port 0 --data-dir "$data" "${args[@]}") \
    > "$RESULTS/server-$db.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 1200); do
    curl -sf "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.25
  done
  curl -sf "http://127.0.0.1:$port/api/health" >/dev/null \
    || { echo "ledger: the server did not start; see $RESULTS/server-$db.log" >&2; tail -n 30 "$RESULTS/server-$db.log" >&2; exit 1; }
  START_MS=$(( $(now_ms) - t0 ))
  BASE="http://127.0.0.1:$port"
}
stop_server() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

# --- runs ------------------------------------------------------------------------------------------
declare -A ROW
for db in $DBS; do
  log "$db: ledger-append, $APPEND_ENTRIES entries × $RUNS runs, $PRODUCERS producers"
  # shellcheck disable=SC2046
  (bench ledger-append $(db_args "$db") --data-dir "$WORK/append-$db" --entries "$APPEND_ENTRIES" \
    --producers "$PRODUCERS" --outstanding "$OUTSTANDING" --runs "$RUNS" --json) > "$RESULTS/append-$db.txt" 2>&1 || true
  append=$(json_of "$RESULTS/append-$db.txt")

  log "$db: ledger-fill, $FILL entries"
  fill_dir="$WORK/fill-$db"
  # shellcheck disable=SC2046
  (bench ledger-fill $(db_args "$db") --data-dir "$fill_dir" --entries "$FILL" --json) > "$RESULTS/fill-$db.txt" 2>&1 || true
  fill=$(json_of "$RESULTS/fill-$db.txt")
  jq -e '.failure == null' "$fill" >/dev/null || { echo "ledger: the fill failed: $(jq -r .failure "$fill")" >&2; exit 1; }
  vkey=$(jq -r .vkey "$fill")

  log "$db: starting bin/pujiang serve on the filled log"
  start_server "$db" "$fill_dir"
  served=$(curl -sf "$BASE/api/log/key" | jq -r .vkey)
  [ "$served" = "$vkey" ] || { echo "ledger: the server serves key $served, the fill used $vkey" >&2; exit 1; }
  log "$db: ready after $START_MS ms; ledger-proofs, $QUERIES queries, concurrency $CONCURRENCY"
  (bench ledger-proofs --url "$BASE" --queries "$QUERIES" --concurrency "$CONCURRENCY" --json) \
    > "$RESULTS/proofs-$db.txt" 2>&1 || true
  proofs=$(json_of "$RESULTS/proofs-$db.txt")

  log "$db: bin/pujiang log verify --full"
  t0=$(now_ms)
  verify_status=0
  "$ROOT/bin/pujiang" log verify --url "$BASE" --key "$vkey" --full --parallel "$VERIFY_PARALLEL" \
    > "$RESULTS/verify-$db.txt" 2>&1 || verify_status=$?
  verify_ms=$(( $(now_ms) - t0 ))
  if [ "$verify_status" = 0 ]; then
    verify_cell=$(awk -v ms="$verify_ms" 'BEGIN {printf "%.1f", ms / 1000}')
  else
    verify_cell="failed ($verify_status)"
    log "$db: log verify exited $verify_status; see $RESULTS/verify-$db.txt"
  fi
  stop_server

  phase() { # phase KIND THREADS FIELD
    jq -r --arg k "$1" --argjson t "$2" ".phases[] | select(.kind == \$k and .threads == \$t) | .$3" "$proofs"
  }
  ROW[$db]=$(printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s/%s | %s/%s | %s/%s | %s/%s | %s |' "$db" \
    "$(jq -r '.appendsPerSec | floor' "$append")" "$(jq -r .p50Ms "$append")" "$(jq -r .p99Ms "$append")" \
    "$(jq -r '.entriesPerBatch | floor' "$append")" "$(jq -r .entries "$fill")" "$(jq -r .entriesPerSec "$fill")" \
    "$(awk -v ms="$START_MS" 'BEGIN {printf "%.1f", ms / 1000}')" \
    "$(phase inclusion 1 p50Ms)" "$(phase inclusion 1 p99Ms)" \
    "$(phase inclusion "$CONCURRENCY" p50Ms)" "$(phase inclusion "$CONCURRENCY" p99Ms)" \
    "$(phase consistency 1 p50Ms)" "$(phase consistency 1 p99Ms)" \
    "$(phase consistency "$CONCURRENCY" p50Ms)" "$(phase consistency "$CONCURRENCY" p99Ms)" "$verify_cell")
done

{
  echo "Transparency log: appends median of $RUNS runs × $APPEND_ENTRIES entries ($PRODUCERS producers × $OUTSTANDING outstanding);"
  echo "proofs over the filled log, $QUERIES queries a phase (ms p50/p99; concurrent = $CONCURRENCY threads)"
  echo
  echo "| db | durable appends/s | ack p50 ms | ack p99 ms | entries/batch | filled entries | fill entries/s | serve ready s | inclusion seq | inclusion conc | consistency seq | consistency conc | log verify --full s |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for db in $DBS; do echo "${ROW[$db]}"; done
  echo
  [ -z "$PG_URL" ] || echo "PostgreSQL fsync/synchronous_commit: $PG_SETTINGS (PG_DURABLE=$PG_DURABLE)"
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'); $(uname -sr)"
} | tee "$RESULTS/table.md"
