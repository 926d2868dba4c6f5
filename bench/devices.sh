#!/usr/bin/env bash
# The device-ingest figures of issue #5, as docs/benchmarks.md reports them: for each DEVICESxRATE
# setting, RUNS runs of `bin/pujiang-bench devices` against one fresh server (fresh data dir; H2, or
# PostgreSQL on a private cluster with DB=pg), server and devices on this machine; then the same load
# through a plain mosquitto broker (pub to sub) as the reference. Prints one markdown row per setting
# with medians (each run's value in brackets) and keeps every run's JSON.
#   bash bench/devices.sh                                  # SETTINGS="100x10 1000x1 1000x10" RUNS=3 DURATION=30
#   SETTINGS="50x10" RUNS=1 DURATION=10 bash bench/devices.sh   # a quick look; not for docs/benchmarks.md
# Knobs (environment): SETTINGS (DEVICESxRATE, space separated), RUNS, DURATION and WARMUP (s),
#   VALUES (values per message besides sentAt), WATCHERS (twins timed by the space bot), DB (h2|pg),
#   DEVICE_RATE / DEVICE_BURST (the server's twin.device-rate / burst; default 1000 / 2000 so that the
#   per-device limit is not what is measured), SERVER_CPUS / BENCH_CPUS (taskset lists), SKIP_BUILD=1,
#   SKIP_REFERENCE=1 (no mosquitto runs).
# Raw results go to bench-results/devices-<time>/. Needs curl, jq; mosquitto for the reference
# (apt-get install -y mosquitto); Debian's postgresql for DB=pg.
set -euo pipefail
shopt -s inherit_errexit
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/bin/java-env.sh"
pujiang_find_java

SETTINGS=${SETTINGS:-100x10 1000x1 1000x10}
RUNS=${RUNS:-3}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-5}
VALUES=${VALUES:-5}
WATCHERS=${WATCHERS:-10}
DB=${DB:-h2}
DEVICE_RATE=${DEVICE_RATE:-1000}
DEVICE_BURST=${DEVICE_BURST:-2000}
SERVER_JAR="$ROOT/pujiang-server/target/pujiang.jar"
BENCH_JAR="$ROOT/pujiang-bench/target/pujiang-bench.jar"
case "$DB" in h2|pg) ;; *) echo "devices: DB is h2 or pg, got '$DB'" >&2; exit 2 ;; esac
for tool in curl jq; do
  command -v "$tool" >/dev/null || { echo "devices: needs $tool (apt-get install -y $tool)" >&2; exit 1; }
done
if [ -z "${SKIP_REFERENCE:-}" ] && ! command -v mosquitto >/dev/null && [ ! -x /usr/sbin/mosquitto ]; then
  echo "devices: the reference needs mosquitto (apt-get install -y mosquitto), or set SKIP_REFERENCE=1" >&2
  exit 1
fi
MOSQUITTO=$(command -v mosquitto || echo /usr/sbin/mosquitto)
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

if [ -z "${SKIP_BUILD:-}" ]; then
  log "building the jars (bin/build, tests not compiled)"
  "$ROOT/bin/build" -Dmaven.test.skip=true >&2
fi
for jar in "$SERVER_JAR" "$BENCH_JAR"; do
  [ -f "$jar" ] || { echo "devices: $jar is missing; run bin/build" >&2; exit 1; }
done

RESULTS="$ROOT/bench-results/devices-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$RESULTS"
WORK=$(mktemp -d /tmp/pujiang-devices.XXXXXX)
chmod 755 "$WORK" # the PostgreSQL cluster runs as the postgres user and must reach its directory
SERVER_PID=""
BROKER_PID=""
PG_DIR=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ -n "$BROKER_PID" ]; then
    kill "$BROKER_PID" 2>/dev/null || true
    wait "$BROKER_PID" 2>/dev/null || true
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
BENCH_RUN_JAR="$WORK/pujiang-bench.jar"

free_port() { # a port nothing listens on now
  local p i
  for i in $(seq 1 100); do
    p=$(( 20000 + RANDOM % 30000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  echo "devices: no free port found" >&2; return 1
}
pin() { # pin CPUS CMD...: run CMD (in place of this shell) on the given cores when CPUS is set
  local cpus=$1; shift
  if [ -n "$cpus" ]; then exec taskset -c "$cpus" "$@"; else exec "$@"; fi
}
bench() { # bench ARGS...: the bench jar on BENCH_CPUS, in place of the calling (sub)shell
  # shellcheck disable=SC2086
  pin "${BENCH_CPUS:-}" "$JAVA" $PUJIANG_JVM_FLAGS ${PUJIANG_BENCH_JAVA_OPTS:-} -jar "$BENCH_RUN_JAR" "$@"
}

# --- the server ------------------------------------------------------------------------------------
PORT=$(free_port)
MQTT_PORT=$(free_port)
PASSWORD="devices-$(date +%s)-$RANDOM"
db_args=()
db_envs=()
if [ "$DB" = pg ]; then
  PG_DIR="$WORK/pg"
  PG_PORT=$(free_port)
  log "starting a private PostgreSQL cluster on 127.0.0.1:$PG_PORT"
  PG_URL=$("$ROOT/bin/pg-cluster" start "$PG_DIR" "$PG_PORT")
  db_args=(--db "$PG_URL")
  db_envs=(PUJIANG_DB_USER=postgres)
fi
log "starting the server ($DB) on http $PORT, mqtt $MQTT_PORT; results in $RESULTS"
(export "${db_envs[@]}" PUJIANG_ADMIN_PASSWORD="$PASSWORD" PUJIANG_TWIN_DEVICE_RATE="$DEVICE_RATE" \
  PUJIANG_TWIN_DEVICE_BURST="$DEVICE_BURST" PUJIANG_DEMO_ENABLED=false PUJIANG_LOG_ACCESS=false
  pin "${SERVER_CPUS:-}" "$ROOT/bin/pujiang" serve --port "$PORT" --mqtt-port "$MQTT_PORT" \
  --data-dir "$WORK/data" "${db_args[@]}") > "$RESULTS/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null || { echo "devices: the server did not start; see $RESULTS/server.log" >&2; exit 1; }

# --- the reference broker --------------------------------------------------------------------------
BROKER_PORT=""
if [ -z "${SKIP_REFERENCE:-}" ]; then
  BROKER_PORT=$(free_port)
  cat > "$WORK/mosquitto.conf" <<EOF
listener $BROKER_PORT 127.0.0.1
allow_anonymous true
persistence false
max_queued_messages 0
EOF
  # In the foreground under &, not -d: so that this script knows the broker's PID and stops it.
  (pin "${SERVER_CPUS:-}" "$MOSQUITTO" -c "$WORK/mosquitto.conf") > "$RESULTS/mosquitto.log" 2>&1 &
  BROKER_PID=$!
  for _ in $(seq 1 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$BROKER_PORT") 2>/dev/null && break
    sleep 0.1
  done
  log "mosquitto $("$MOSQUITTO" -h 2>/dev/null | head -n 1 | awk '{print $3}') on port $BROKER_PORT"
fi

# --- runs ------------------------------------------------------------------------------------------
median() { grep -E '^-?[0-9.eE+-]+$' | sort -g | awk '{a[NR]=$1} END {if (NR==0) print "-"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
cell() { # cell FIELD FILES...: median [each run's value]
  local field=$1; shift
  local values; values=$(jq -r ".$field // \"-\"" "$@")
  printf '%s [%s]' "$(echo "$values" | median)" "$(echo "$values" | paste -sd, - | sed 's/,/, /g')"
}
med() { jq -r ".$1 // \"-\"" "${@:2}" | median; } # the bare median
one_run() { # one_run OUT ARGS...: a run's text to OUT.txt, its JSON to OUT.json
  local out=$1; shift
  (bench devices --json "$@") > "$out.txt" 2>&1 || true
  tail -n 1 "$out.txt" > "$out.json"
  jq -e . "$out.json" >/dev/null 2>&1 || { echo "devices: a run printed no JSON; see $out.txt" >&2; exit 1; }
}

{
  echo "Device ingest: $DB, $VALUES values + sentAt per message, QoS 1, ${DURATION} s measured after ${WARMUP} s; medians of $RUNS runs [each run]"
  echo
  echo "| devices × Hz | offered values/s | accepted values/s | history written/s | space latency p50 ms | p99 ms | rejected | unacked | skipped | broker delivered values/s | broker p50 ms | p99 ms | Pujiang / broker |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} | tee "$RESULTS/table.md"
for setting in $SETTINGS; do
  n=${setting%x*}
  rate=${setting#*x}
  files=()
  refs=()
  for run in $(seq 1 "$RUNS"); do
    log "$n devices x $rate Hz, run $run of $RUNS"
    one_run "$RESULTS/pujiang-$setting-run-$run" --url "http://127.0.0.1:$PORT" --mqtt "tcp://127.0.0.1:$MQTT_PORT" \
      --devices "$n" --rate "$rate" --values "$VALUES" --duration "$DURATION" --warmup "$WARMUP" \
      --watchers "$WATCHERS" --password "$PASSWORD"
    files+=("$RESULTS/pujiang-$setting-run-$run.json")
    sleep 3
  done
  if [ -n "$BROKER_PORT" ]; then
    for run in $(seq 1 "$RUNS"); do
      log "$n devices x $rate Hz through mosquitto, run $run of $RUNS"
      one_run "$RESULTS/mosquitto-$setting-run-$run" --reference --mqtt "tcp://127.0.0.1:$BROKER_PORT" \
        --devices "$n" --rate "$rate" --values "$VALUES" --duration "$DURATION" --warmup "$WARMUP"
      refs+=("$RESULTS/mosquitto-$setting-run-$run.json")
      sleep 1
    done
  fi
  if [ ${#refs[@]} -gt 0 ]; then
    # delivered messages/s × values per message, so that it compares with accepted values/s
    ref_values=$(jq -r '(.deliveredPerSec // 0) * .valuesPerMessage' "${refs[@]}" | median)
    ref_cells="$ref_values | $(cell latencyP50Ms "${refs[@]}") | $(cell latencyP99Ms "${refs[@]}")"
    ratio=$(awk -v a="$(med acceptedValuesPerSec "${files[@]}")" -v b="$ref_values" \
      'BEGIN {if (b > 0 && a != "-") printf "%.2f", a / b; else print "-"}')
  else
    ref_cells="- | - | -"
    ratio="-"
  fi
  printf '| %s × %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$n" "$rate" \
    "$(med offeredValuesPerSec "${files[@]}")" "$(cell acceptedValuesPerSec "${files[@]}")" \
    "$(cell serverHistoryWrittenPerSec "${files[@]}")" "$(cell latencyP50Ms "${files[@]}")" \
    "$(cell latencyP99Ms "${files[@]}")" "$(jq -s 'map(.rejected) | add' "${files[@]}")" \
    "$(jq -s 'map(.unacked) | add' "${files[@]}")" "$(jq -s 'map(.skippedInFlight + .skippedLate) | add' "${files[@]}")" \
    "$ref_cells" "$ratio" | tee -a "$RESULTS/table.md"
done
{
  echo
  echo "History: $(jq -s '{accepted: (map(.runValuesAccepted // 0) | add), written: (map(.runHistoryWritten // 0) | add), notWritten: (map(.runHistoryNotWritten // 0) | add), refused: (map(.serverHistoryRefused // 0) | add), queueAtEnd: (map(.historyQueueAtEnd // 0) | max)}' -c "$RESULTS"/pujiang-*.json)"
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'); $(uname -sr)"
} | tee -a "$RESULTS/table.md"
