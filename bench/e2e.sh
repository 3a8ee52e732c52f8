#!/usr/bin/env bash
# End-to-end benchmark on Open Liberty (docs/benchmarks.md): an AIOB realtime call through
# AiobAuthFilter versus the same call without it, then the filtered call while tokens expire every
# minute, then bursts of demo calls at the moment AIOB revokes the token. Loopback only: the server
# calls its own built-in simulator, and wrk and curl call the server.
#
# Usage: bench/e2e.sh            (on a shared machine: flock /tmp/aiob-liberty.lock bench/e2e.sh)
# Tunables (environment): E2E_PHASES="throughput expiry revocation" (which to run),
# E2E_SECONDS=20 (each throughput run), E2E_REPEATS=6 (rounds of the three routes),
# E2E_EXPIRY_SECONDS=30 (each run while tokens expire), E2E_EXPIRY_REPEATS=3, E2E_CONNECTIONS=4,
# E2E_WARMUP_SECONDS=20, E2E_BURST_CALLERS=50 and E2E_BURST_ROUNDS=10 (revocation bursts per case).
# Needs port 9080 free, Java 17, Maven and wrk (installed with apt-get when missing and root).
# Stops the server and removes what it deployed on exit, Ctrl-C and errors alike.
set -euo pipefail
# Command substitutions too: a failed control call inside $(burst …) must stop the script.
shopt -s inherit_errexit

SECONDS_PER_RUN=${E2E_SECONDS:-20}
EXPIRY_SECONDS=${E2E_EXPIRY_SECONDS:-30}
REPEATS=${E2E_REPEATS:-6}
EXPIRY_REPEATS=${E2E_EXPIRY_REPEATS:-3}
CONNECTIONS=${E2E_CONNECTIONS:-4}
WARMUP_SECONDS=${E2E_WARMUP_SECONDS:-20}
PHASES=${E2E_PHASES:-throughput expiry revocation}
BURST_CALLERS=${E2E_BURST_CALLERS:-50}
BURST_ROUNDS=${E2E_BURST_ROUNDS:-10}

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

phase() { [[ " $PHASES " == *" $1 "* ]]; }

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
            echo '        <appProperties><property name="aiob.token.refresh-ahead" value="0s"/></appProperties>'
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

throughput_tokens=n/a
if phase throughput; then
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

fi

if phase expiry; then
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

fi

# Revocation bursts through the demo (/demo/realtime-call, a CDI rest client with
# @AiobReauthenticate): the simulator holds the burst until every call has arrived with the revoked
# token, then refuses them all at once. Each round prints: answers by status, getToken calls, and
# the API calls the simulator refused. With "refused", getToken also refuses the replacement: every
# caller should then be told of that refusal ("AIOB rejected the credentials"), not of a rate limit.
stat() { curl -sS --fail --max-time 10 "$SIMULATOR/stats" | sed -nE "s/.*\"$1\":([0-9]+).*/\1/p"; }
burst() { # CASE ROUND
    local style=${1%-refused} before_tokens before_rejections
    curl -sS --fail --max-time 10 -o /dev/null -XPOST -H 'Content-Type: application/json' \
        -d '{"robotId":"r1","mobile":"13800000000","secretType":2}' "$BASE/demo/realtime-call"
    control PUT faults "{\"authFailureStyle\":\"$style\",\"holdApiRequests\":$BURST_CALLERS}" >/dev/null
    control POST revoke-all >/dev/null
    if [ "$1" != "$style" ]; then
        control PUT faults '{"accessKey":"bench-wrong-key","secretKey":"bench-wrong-secret"}' >/dev/null
    fi
    before_tokens=$(stat tokenRequests)
    before_rejections=$(stat apiTokenRejections)
    local answers=$OUT/revocation/$1-$2
    mkdir -p "$answers"
    seq "$BURST_CALLERS" | xargs -P "$BURST_CALLERS" -I{} curl -sS --max-time 30 -XPOST \
        -H 'Content-Type: application/json' -d '{"robotId":"r1","mobile":"13800000000","secretType":2}' \
        -o "$answers/{}.body" -w '%{http_code}\n' "$BASE/demo/realtime-call" >"$answers/statuses" || true
    count() { { grep -l "$1" "$answers"/*.body 2>/dev/null || true; } | wc -l; }
    statuses() { grep -c "$@" "$answers/statuses" || true; }
    printf '%s %s ok=%s failed=%s credentials-refused=%s rate-limit=%s getToken=%s refused-api-calls=%s\n' "$1" "$2" \
        "$(statuses -x 200)" "$(statuses -vx 200)" \
        "$(count 'AIOB rejected the credentials')" "$(count 'reauth-min-interval')" \
        $(($(stat tokenRequests) - before_tokens)) $(($(stat apiTokenRejections) - before_rejections))
    # No reset: it would forget the demo's new token, and the next round's first call would force a refresh.
    control PUT faults '{"accessKey":"demo-access-key","secretKey":"demo-secret-key"}' >/dev/null
}
if phase revocation; then
    : >"$OUT/revocation.results"
    rm -rf "$OUT/revocation"
    # The phases before may have reset the simulator (the demo's token is then unknown to it) and
    # left 1-minute tokens: start from a known token, outside the forced-refresh interval.
    control POST reset >/dev/null
    curl -sS --max-time 10 -o /dev/null -XPOST -H 'Content-Type: application/json' \
        -d '{"robotId":"r1","mobile":"13800000000","secretType":2}' "$BASE/demo/realtime-call"
    sleep 1.2
    for case in HTTP_401 CODE_401 CODE_401-refused; do
        for i in $(seq 1 "$BURST_ROUNDS"); do
            result=$(burst "$case" "$i")
            log "revocation $result"
            echo "$result" >>"$OUT/revocation.results"
            # The demo rate-limits forced refreshes (aiob.token.reauth-min-interval, 1 s) and
            # remembers a refused fetch for its first backoff step (at most 1 s): outwait both.
            sleep 1.2
        done
    done
fi

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
revocation_summary() { # CASE
    local rows
    rows=$(grep "^$1 " "$OUT/revocation.results" || true)
    printf '%-18s %7s %7s %7s %20s %11s %13s %16s\n' "$1" "$(wc -l <<<"$rows")" \
        "$(field ok <<<"$rows" | sum)" "$(field failed <<<"$rows" | sum)" \
        "$(field credentials-refused <<<"$rows" | sum)" "$(field rate-limit <<<"$rows" | sum)" \
        "$(field getToken <<<"$rows" | range)" "$(field refused-api-calls <<<"$rows" | range)"
}
{
    echo "commit $(git rev-parse --short HEAD)$([ -z "$(git status --porcelain -- src pom.xml bench)" ] || echo ' (with uncommitted changes)');" \
        "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
    if phase throughput; then
        echo "wrk -t1 -c$CONNECTIONS; throughput: $REPEATS rounds of the three routes, ${SECONDS_PER_RUN} s each; medians, errors summed"
        printf '%-34s %10s %15s %8s %8s %8s\n' "route" "req/s" "req/s range" "p50 ms" "p99 ms" "errors"
        summary "without filter (token sent as is)" "$OUT/without.results"
        summary "with a minimal filter" "$OUT/minimal.results"
        summary "with AiobAuthFilter" "$OUT/with.results"
        overhead "AiobAuthFilter vs no filter (target < 3%)" without with
        overhead "minimal filter vs no filter (the chain)" without minimal
        overhead "AiobAuthFilter vs minimal filter (ours)" minimal with
        echo "getToken calls during the throughput runs (warm-up included): $throughput_tokens (target 1)"
    fi
    if phase expiry; then
        echo "expiry: $EXPIRY_REPEATS runs of ${EXPIRY_SECONDS} s"
        summary "with filter, 1-minute tokens" "$OUT/expiry.results"
        echo "  getToken calls: $(cat "$OUT/expiry.tokens") in $((EXPIRY_REPEATS * EXPIRY_SECONDS)) s"
        summary "same, no refresh ahead" "$OUT/expiry-wait.results"
        echo "  getToken calls: $(cat "$OUT/expiry-wait.tokens") in $((EXPIRY_REPEATS * EXPIRY_SECONDS)) s"
    fi
    if phase revocation; then
        echo "revocation: $BURST_ROUNDS bursts of $BURST_CALLERS concurrent demo calls per case; calls summed, per-burst ranges"
        printf '%-18s %7s %7s %7s %20s %11s %13s %16s\n' "case" "bursts" "ok" "failed" "credentials refused" \
            "rate limit" "getToken" "refused calls"
        for case in HTTP_401 CODE_401 CODE_401-refused; do revocation_summary "$case"; done
    fi
} | tee "$OUT/summary.txt"
