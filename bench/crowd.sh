#!/usr/bin/env bash
# The crowd figures of issue #3, as docs/benchmarks.md reports them: for each crowd size, RUNS runs of
# `bin/pujiang-bench crowd` against one fresh server (H2, fresh data dir) in one city-template space,
# server and bots on this machine. Prints one markdown row per size with medians (each run's value in
# brackets) and keeps every run's JSON.
#   bash bench/crowd.sh                          # BOTS="200 500 1000" RUNS=3 DURATION=20
#   BOTS="500" RUNS=1 bash bench/crowd.sh        # a quick look; not for docs/benchmarks.md
# Knobs (environment): BOTS, RUNS, DURATION (s), RATE (Hz), PORT (18300), SERVER_CPUS / BOTS_CPUS
#   (taskset lists, e.g. 0 and 1, to give each side a core of its own), SKIP_BUILD=1.
# Raw results go to bench-results/crowd-<time>/. Needs curl and jq.
set -euo pipefail
shopt -s inherit_errexit
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/bin/java-env.sh"
pujiang_find_java

BOTS=${BOTS:-200 500 1000}
RUNS=${RUNS:-3}
DURATION=${DURATION:-20}
RATE=${RATE:-20}
PORT=${PORT:-18300}
for tool in curl jq; do
  command -v "$tool" >/dev/null || { echo "crowd: needs $tool (apt-get install -y $tool)" >&2; exit 1; }
done
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

if [ -z "${SKIP_BUILD:-}" ]; then
  log "building the jars (bin/build, tests not compiled)"
  "$ROOT/bin/build" -Dmaven.test.skip=true >&2
fi

RESULTS="$ROOT/bench-results/crowd-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$RESULTS"
WORK=$(mktemp -d /tmp/pujiang-crowd.XXXXXX)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

pin() { # pin CPUS CMD...: run CMD (in place of this shell) on the given cores when CPUS is set
  local cpus=$1; shift
  if [ -n "$cpus" ]; then exec taskset -c "$cpus" "$@"; else exec "$@"; fi
}

PASSWORD="crowd-$(date +%s)-$RANDOM"
log "starting the server on port $PORT"
if curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1; then
  echo "crowd: something already answers on port $PORT; stop it or set PORT" >&2
  exit 1
fi
(PUJIANG_ADMIN_PASSWORD=$PASSWORD pin "${SERVER_CPUS:-}" "$ROOT/bin/pujiang" serve --port "$PORT" \
  --data-dir "$WORK/data") > "$RESULTS/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null || { echo "crowd: the server did not start; see $RESULTS/server.log" >&2; exit 1; }
TOKEN=$(curl -sf -XPOST "http://127.0.0.1:$PORT/api/auth/login" -H 'content-type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" | jq -r .token)
SPACE=$(curl -sf -XPOST "http://127.0.0.1:$PORT/api/spaces" -H "authorization: Bearer $TOKEN" \
  -H 'content-type: application/json' \
  -d '{"name":"Crowd city","template":"city","visibility":"public","capacity":10000}' | jq -r .id)
log "space $SPACE; results in $RESULTS"

median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "-"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
cell() { # cell FIELD FILES...: median [each run's value]
  local field=$1; shift
  local values; values=$(jq -r ".$field" "$@")
  printf '%s [%s]' "$(echo "$values" | median)" "$(echo "$values" | paste -sd, - | sed 's/,/, /g')"
}

echo "| bots | tick p50 ms | tick p99 ms | seen p50 ms | seen p99 ms | rx B/s/client | tx B/s/client | disconnects | errors |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in $BOTS; do
  files=()
  for run in $(seq 1 "$RUNS"); do
    out="$RESULTS/bots-$n-run-$run.json"
    log "$n bots, run $run of $RUNS"
    (pin "${BOTS_CPUS:-}" "$ROOT/bin/pujiang-bench" crowd --url "ws://127.0.0.1:$PORT/ws" --space "$SPACE" \
      --bots "$n" --rate "$RATE" --duration "$DURATION" --json) > "$RESULTS/bots-$n-run-$run.txt" 2>&1 || true
    tail -n 1 "$RESULTS/bots-$n-run-$run.txt" > "$out"
    jq -e . "$out" >/dev/null || { echo "crowd: run $run at $n bots printed no JSON; see $RESULTS/bots-$n-run-$run.txt" >&2; exit 1; }
    files+=("$out")
    sleep 3
  done
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$n" \
    "$(cell tickP50Ms "${files[@]}")" "$(cell tickP99Ms "${files[@]}")" \
    "$(cell seenP50Ms "${files[@]}")" "$(cell seenP99Ms "${files[@]}")" \
    "$(cell rxBytesPerClientPerSec "${files[@]}")" "$(cell txBytesPerClientPerSec "${files[@]}")" \
    "$(jq -s 'map(.disconnects) | add' "${files[@]}")" "$(jq -s 'map(.errors | if type=="object" then (to_entries|map(.value)|add // 0) else . end) | add' "${files[@]}")"
done | tee "$RESULTS/table.md"
