#!/usr/bin/env bash
# End-to-end benchmark on Open Liberty (docs/benchmarks.md): an AIOB realtime call through
# AiobAuthFilter versus the same call without it, then the filtered call while tokens expire every
# minute. Loopback only: the server calls its own built-in simulator, and wrk calls the server.
#
# Usage: bench/e2e.sh            (on a shared machine: flock /tmp/aiob-liberty.lock bench/e2e.sh)
# Tunables (environment): E2E_SECONDS=20 (each throughput run), E2E_REPEATS=6 (rounds of the three
# routes), E2E_EXPIRY_SECONDS=30 (each run while tokens expire), E2E_EXPIRY_REPEATS=3,
# E2E_CONNECTIONS=4, E2E_WARMUP_SECONDS=20.
# Needs port 9080 free, Java 17, Maven and wrk (installed with apt-get when missing and root).
# Stops the server and removes what it deployed on exit, Ctrl-C and errors alike.
set -euo pipefail

SECONDS_PER_RUN=${E2E_SECONDS:-20}
EXPIRY_SECONDS=${E2E_EXPIRY_SECONDS:-30}
REPEATS=${E2E_REPEATS:-6}
EXPIRY_REPEATS=${E2E_EXPIRY_REPEATS:-3}
CONNECTIONS=${E2E_CONNECTIONS:-4}
WARMUP_SECONDS=${E2E_WARMUP_SECONDS:-20}

cd "$(dirname "$0")/.."
ROOT=$PWD
WLP=$ROOT/target/liberty/wlp
SERVER_DIR=$WLP/usr/servers/defaultServer
OVERRIDE=$SERVER_DIR/configDropins/overrides/aiob-bench.xml
OUT=$ROOT/target/bench-e2e
BASE=http://localhost:9080
SIMULATOR=$BASE/aiob-simulator/control
# Three copies of the benchmark WAR, each with its own token holder: one for the throughput runs,
# two that get their first token only once tokens live one minute.
APPS=(aiob-bench aiob-bench-expiry aiob-bench-expiry-wait)

# Never the real AIOB: whatever the shell says, the apps use their loopback settings.
unset AIOB_URL AIOB_ACCESS_KEY AIOB_SECRET_KEY

log() { printf '[e2e %s] %s\n' "$(date +%T)" "$*" >&2; }

if ! command -v wrk >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        log "installing wrk"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
    else
        echo "wrk is missing: apt-get install wrk" >&2
        exit 1
    fi
fi
for host in 127.0.0.1 ::1; do
    if timeout 5 bash -c "exec 3<>/dev/tcp/$host/9080" 2>/dev/null; then
        echo "Port 9080 on $host is in use: stop whatever listens there (a liberty:run?) and run again." >&2
        exit 1
    fi
done

WRK_PID=
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [ -n "$WRK_PID" ]; then
        kill "$WRK_PID" 2>/dev/null || true
    fi
    if [ -x "$WLP/bin/server" ]; then
        log "stopping Liberty"
        timeout 60 "$WLP/bin/server" stop defaultServer >/dev/null 2>&1 || true
    fi
    rm -f "$OVERRIDE"
    for app in "${APPS[@]}"; do rm -f "$SERVER_DIR/apps/$app.war"; done
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "building the demo and the benchmark WAR, creating the server"
mvn -B -q -Pbench -DskipTests package liberty:create liberty:deploy

mkdir -p "$OUT" "$(dirname "$OVERRIDE")"
rm -f "$OUT"/*.txt
{
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    echo '<!-- Written and removed by bench/e2e.sh: the benchmark WARs beside the demo. -->'
    echo '<server>'
    for app in "${APPS[@]}"; do
        cp target/aiob-mp-bench.war "$SERVER_DIR/apps/$app.war"
        echo "    <webApplication id=\"$app\" name=\"$app\" location=\"$app.war\" contextRoot=\"/$app\">"
        if [ "$app" = aiob-bench-expiry-wait ]; then
            # No refresh ahead: the token goes straight from FRESH to EXPIRED, callers wait for the refresh.
            echo '        <appProperties><property name="aiob.token.refresh-ahead-seconds" value="0"/></appProperties>'
        fi
        echo '    </webApplication>'
    done
    echo '</server>'
} >"$OVERRIDE"

rm -rf "$SERVER_DIR/logs"
log "starting Liberty"
JVM_ARGS="-Djdk.net.hosts.file=$ROOT/src/test/resources/loopback-only.hosts" \
    timeout 120 "$WLP/bin/server" start defaultServer >/dev/null
for _ in $(seq 1 120); do
    started=$(grep -c 'CWWKZ0001I' "$SERVER_DIR/logs/messages.log" 2>/dev/null || true)
    [ "${started:-0}" -ge $((${#APPS[@]} + 1)) ] && break
    sleep 1
done
if [ "${started:-0}" -lt $((${#APPS[@]} + 1)) ]; then
    echo "Not all applications started; see $SERVER_DIR/logs/messages.log" >&2
    exit 1
fi

control() { curl -sS --fail --max-time 10 -X "$1" -H 'Content-Type: application/json' ${3:+-d "$3"} "$SIMULATOR/$2"; }
# getToken fetches of one benchmark copy (its own count: every copy renews its token in the background).
fetches() { curl -sS --fail --max-time 10 "$BASE/$1/fetches"; }

# run NAME URL SECONDS: one wrk run; prints its RESULT line and keeps the full output. wrk runs in
# the background so that Ctrl-C interrupts the wait at once (and cleanup ends wrk).
run() {
    wrk -t1 -c"$CONNECTIONS" -d"$3s" --timeout 10s --latency -s bench/realtime-call.lua "$2" >"$OUT/$1.txt" &
    WRK_PID=$!
    wait "$WRK_PID"
    WRK_PID=
    local result
    result=$(grep '^RESULT' "$OUT/$1.txt")
    log "$1: ${result#RESULT }"
    echo "$result"
}
field() { sed -nE "s/.* $1=([0-9.]+).*/\1/p"; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
sum() { awk '{ s += $1 } END { print s + 0 }'; }

control POST reset >/dev/null
log "warm-up, ${WARMUP_SECONDS} s per route (not counted)"
run warmup-without-filter "$BASE/aiob-bench/without-filter" "$WARMUP_SECONDS" >/dev/null
run warmup-minimal-filter "$BASE/aiob-bench/minimal-filter" "$WARMUP_SECONDS" >/dev/null
run warmup-with-filter "$BASE/aiob-bench/with-filter" "$WARMUP_SECONDS" >/dev/null

ROUTES=(without minimal with)
for route in "${ROUTES[@]}"; do : >"$OUT/$route.results"; done
for i in $(seq 1 "$REPEATS"); do
    # Rotate the order, so that drift during the session does not favour one route.
    order="${ROUTES[*]:$((i % 3))} ${ROUTES[*]:0:$((i % 3))}"
    for route in $order; do
        run "$route-filter-$i" "$BASE/aiob-bench/$route-filter" "$SECONDS_PER_RUN" >>"$OUT/$route.results"
    done
done
throughput_tokens=$(fetches aiob-bench)

# Tokens live one minute from now on: the default policy refreshes each one 15-30 s after it was
# issued; with refresh-ahead 0, callers wait for a refresh 45 s after it was issued.
control POST reset >/dev/null
control PUT faults '{"expiresMinutes":1}' >/dev/null
: >"$OUT/expiry.results"
: >"$OUT/expiry-wait.results"
for variant in expiry expiry-wait; do
    before=$(fetches "aiob-bench-$variant")
    for i in $(seq 1 "$EXPIRY_REPEATS"); do
        run "$variant-$i" "$BASE/aiob-bench-$variant/with-filter" "$EXPIRY_SECONDS" >>"$OUT/$variant.results"
    done
    echo $(($(fetches "aiob-bench-$variant") - before)) >"$OUT/$variant.tokens"
done

range() { sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s-%s", lo, hi }'; }
summary() { # NAME FILE
    printf '%-34s %10s %15s %8s %8s %8s\n' "$1" \
        "$(field rps <"$2" | median)" "$(field rps <"$2" | range)" "$(field p50_ms <"$2" | median)" \
        "$(field p99_ms <"$2" | median)" "$(field errors <"$2" | sum)"
}
# overhead NAME BASE ROUTE: ROUTE's throughput loss against BASE's. Each repeat ran the routes back
# to back, so the per-repeat ratios cancel the drift between repeats; their median is the result.
overhead() {
    local base route paired
    base=$(field rps <"$OUT/$2.results" | median)
    route=$(field rps <"$OUT/$3.results" | median)
    paired=$(paste <(field rps <"$OUT/$2.results") <(field rps <"$OUT/$3.results") |
        awk '{ printf "%.2f\n", ($1 - $2) / $1 * 100 }')
    awk -v n="$1" -v a="$base" -v b="$route" -v p="$(echo $paired)" -v m="$(echo "$paired" | median)" \
        'BEGIN { printf "%s: %.2f%% of median throughput; per repeat %s%%, median %s%%\n", n, (a - b) / a * 100, p, m }'
}
{
    echo "commit $(git rev-parse --short HEAD)$([ -z "$(git status --porcelain -- src pom.xml bench)" ] || echo ' (with uncommitted changes)');" \
        "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "wrk -t1 -c$CONNECTIONS; throughput: $REPEATS rounds of the three routes, ${SECONDS_PER_RUN} s each; expiry: $EXPIRY_REPEATS runs of ${EXPIRY_SECONDS} s; medians, errors summed"
    printf '%-34s %10s %15s %8s %8s %8s\n' "route" "req/s" "req/s range" "p50 ms" "p99 ms" "errors"
    summary "without filter (token sent as is)" "$OUT/without.results"
    summary "with a minimal filter" "$OUT/minimal.results"
    summary "with AiobAuthFilter" "$OUT/with.results"
    overhead "AiobAuthFilter vs no filter (target < 3%)" without with
    overhead "minimal filter vs no filter (the chain)" without minimal
    overhead "AiobAuthFilter vs minimal filter (ours)" minimal with
    echo "getToken calls during the throughput runs (warm-up included): $throughput_tokens (target 1)"
    summary "with filter, 1-minute tokens" "$OUT/expiry.results"
    echo "  getToken calls: $(cat "$OUT/expiry.tokens") in $((EXPIRY_REPEATS * EXPIRY_SECONDS)) s"
    summary "same, no refresh ahead" "$OUT/expiry-wait.results"
    echo "  getToken calls: $(cat "$OUT/expiry-wait.tokens") in $((EXPIRY_REPEATS * EXPIRY_SECONDS)) s"
} | tee "$OUT/summary.txt"
