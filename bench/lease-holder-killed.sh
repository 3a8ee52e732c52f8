#!/usr/bin/env bash
# What a cluster sharing one token through the JCache store loses when the server that holds the
# getToken lease dies mid-getToken (docs/cluster.md, "When the cache fails"). Three demo servers
# started by bin/demo-cluster (embedded Hazelcast members); every new token revokes the older ones.
# Steady realtime calls run on the two survivors (demo-1, which hosts the simulator, and demo-2).
# Then, with a slow getToken (tokenDelayMillis), every token is revoked, demo-3 alone is called so
# that it takes the lease and calls getToken, and once the simulator has counted that getToken
# demo-3's JVM is killed (kill -9) and the getToken made fast again; the survivors' load goes on.
# Per run: survivor calls failed (not HTTP 200) after the kill, seconds from the kill to the end of
# the first successful survivor call started after it and to the end of the last failed call, and
# getToken calls the simulator counted after the kill. Min / median / max over the runs.
#
# The survivors' load pauses around the revocation and resumes only after demo-3's getToken has
# reached the simulator, so that only demo-3 can have asked for a token: demo-3 is the lease holder
# when the simulator's tokenRequests is exactly one more than before and still is at the kill.
# Runs where that does not hold, or where the kill came after the getToken delay, are marked
# INVALID and left out of the min / median / max. A call to demo-3 that ends without a getToken
# (502: rejected again within aiob.token.reauth-min-interval) is made again after 1.5 s.
#
# Uses only bin/demo-cluster, demo-3's pid file (target/cluster/.pid), the simulator's control API
# (docs/simulator.md) and the demo's HTTP endpoints, not the servers' logs.
#
# Usage: bench/lease-holder-killed.sh   (about 2.5-4 minutes a run with start and stop; summary in
# target/bench-lease-killed/summary.txt, every call of run n in target/bench-lease-killed/run-n/)
# Tunables (environment): LEASE_KILL_RUNS=3, LEASE_KILL_CALLERS=4 (concurrent callers per survivor),
# LEASE_KILL_WARMUP_SECONDS=10 (steady load before the revocation), LEASE_KILL_AFTER_SECONDS=40
# (load after the kill), LEASE_KILL_TOKEN_DELAY_MILLIS=5000 (the slow getToken demo-3 dies in),
# LEASE_KILL_DELAY_MILLIS=500 (from the survivors' load resuming to the kill),
# LEASE_KILL_CALL_PAUSE_SECONDS=0.05 (each caller's pause between calls), BASE_PORT=9080.
# Every AIOB_* variable of the shell reaches the servers (bin/demo-cluster), e.g.
# AIOB_TOKEN_STORE_LEASE=10s; AIOB_URL defaults to demo-1's simulator and AIOB_TOKEN_STORE to jcache.
# Needs the ports of 3 demo servers free (9080-9082, 9443-9445, 5701-5703) and curl.
set -euo pipefail
shopt -s inherit_errexit

RUNS=${LEASE_KILL_RUNS:-3}
CALLERS=${LEASE_KILL_CALLERS:-4}
WARMUP=${LEASE_KILL_WARMUP_SECONDS:-10}
AFTER=${LEASE_KILL_AFTER_SECONDS:-40}
TOKEN_DELAY_MS=${LEASE_KILL_TOKEN_DELAY_MILLIS:-5000}
KILL_DELAY_MS=${LEASE_KILL_DELAY_MILLIS:-500}
PAUSE=${LEASE_KILL_CALL_PAUSE_SECONDS:-0.05}
BASE_PORT=${BASE_PORT:-9080}

cd "$(dirname "$0")/.."
OUT=target/bench-lease-killed
SIMULATOR=http://localhost:$BASE_PORT/aiob-simulator
source bench/lib.sh
export BASE_PORT
export AIOB_URL=${AIOB_URL:-$SIMULATOR}
export AIOB_TOKEN_STORE=${AIOB_TOKEN_STORE:-jcache}
rm -rf "$OUT"
mkdir -p "$OUT"

CALLER_PIDS=()
stop_callers() {
    touch "$1"
    local pid
    for pid in "${CALLER_PIDS[@]}"; do
        wait "$pid" || true
    done
    CALLER_PIDS=()
}
trap 'touch "$OUT"/stop-all; wait; bin/demo-cluster stop >/dev/null 2>&1 || true' EXIT

# $CALLERS callers on each survivor, calling until the file $1 exists (or stop-all); records to $2.
start_callers() {
    local stop=$1 record=$2 server i
    for server in 1 2; do
        for ((i = 0; i < CALLERS; i++)); do
            (
                while [ ! -e "$stop" ] && [ ! -e "$OUT/stop-all" ]; do
                    call "$server" "$record.$server.$i"
                    sleep "$PAUSE"
                done
            ) &
            CALLER_PIDS+=($!)
        done
    done
}

settings=$(aiob_settings)
{
    echo "Lease holder killed mid-getToken, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
    echo "3 servers, every new token revoking the older ones; $CALLERS callers on each of demo-1 and demo-2;"
    echo "getToken delayed ${TOKEN_DELAY_MS} ms until the kill; ${AFTER} s of load after it. Settings: ${settings% }"
    echo "kill_at: s from demo-3's getToken reaching the simulator to the kill (its lease taken just before);"
    echo "calls: survivor calls that ended after the kill; failed: those not HTTP 200 (statuses in brackets);"
    echo "first_ok: s from the kill to the end of the first successful survivor call started after it;"
    echo "last_fail: s from the kill to the end of the last failed call; getTokens: simulator getToken calls"
    echo "after the kill; end_fp: whether the survivors showed one fingerprint at the end; load: 1-minute load"
    echo "average at start / kill / end."
    printf '%-4s %-7s %7s %7s %7s %9s %9s %-10s %-7s %-17s %s\n' run valid kill_at calls failed first_ok last_fail getTokens end_fp load statuses
} >"$OUT/summary.txt"
cat "$OUT/summary.txt"

fingerprints_differed=0
for ((run = 1; run <= RUNS; run++)); do
    dir=$OUT/run-$run
    mkdir -p "$dir"
    echo "== run $run of $RUNS" >&2
    bin/demo-cluster start 3 >"$dir/start.log" 2>&1 || { cat "$dir/start.log" >&2; exit 1; }
    load_start=$(cut -d' ' -f1 /proc/loadavg)
    prints="$(fingerprint 1) $(fingerprint 2) $(fingerprint 3)"
    echo "fingerprints after start: $prints" >"$dir/notes.txt"
    if [ "$(one_fingerprint $prints)" != same ]; then
        fingerprints_differed=$((fingerprints_differed + 1))
    fi
    faults '{"newTokenRevokesOlder":true}'

    # Steady load, then a pause: no survivor call is in flight at the revocation.
    start_callers "$dir/warmup.stop" "$dir/warmup"
    sleep "$WARMUP"
    stop_callers "$dir/warmup.stop"
    # A rejection within aiob.token.reauth-min-interval (1 s) of the last forced refresh is rate-limited.
    sleep 1.5

    before=$(stat tokenRequests)
    faults "{\"tokenDelayMillis\":$TOKEN_DELAY_MS}"
    curl -sf --max-time 10 -X POST "$SIMULATOR/control/revoke-all"
    call 3 "$dir/doomed" &
    doomed_call=$!
    attempts=1
    deadline=$((SECONDS + 30))
    while (($(stat tokenRequests) == before)); do
        ((SECONDS < deadline)) || { echo "demo-3 never asked for a token" >&2; exit 1; }
        # Its call ended without a getToken (a rejection within aiob.token.reauth-min-interval of a
        # forced refresh answers 502, e.g. when demo-3 started on a token of its own): call it again.
        if ! kill -0 "$doomed_call" 2>/dev/null; then
            wait "$doomed_call" || true
            sleep 1.5
            if (($(stat tokenRequests) == before)); then
                call 3 "$dir/doomed" &
                doomed_call=$!
                attempts=$((attempts + 1))
            fi
        fi
        sleep 0.02
    done
    gettoken_seen=$(now)
    tokens_at_start=$(stat tokenRequests)
    start_callers "$dir/load.stop" "$dir/load"
    sleep "$(awk -v ms="$KILL_DELAY_MS" 'BEGIN { printf "%.3f", ms / 1000 }')"
    tokens_before_kill=$(stat tokenRequests)
    pid=$(cat target/cluster/.pid/demo-3.pid)
    kill -9 "$pid"
    kill_time=$(now)
    while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
    faults '{"tokenDelayMillis":0}'
    load_kill=$(cut -d' ' -f1 /proc/loadavg)
    tokens_at_kill=$(stat tokenRequests)
    sleep "$AFTER"
    stop_callers "$dir/load.stop"
    wait "$doomed_call" || true
    tokens_end=$(stat tokenRequests)
    load_end=$(cut -d' ' -f1 /proc/loadavg)
    cat "$dir"/load.* | sort -k2,2g >"$dir/calls.txt"

    valid=yes
    why=
    if ((tokens_at_start != before + 1 || tokens_before_kill != before + 1)); then
        valid=no why="tokenRequests before the kill: $before then $tokens_at_start, $tokens_before_kill (want $((before + 1)))"
    fi
    kill_after=$(since "$gettoken_seen" "$kill_time")
    if awk -v k="$kill_after" -v d="$TOKEN_DELAY_MS" 'BEGIN { exit !(k * 1000 >= d) }'; then
        valid=no why="${why:+$why; }killed $kill_after s after the getToken began, past its ${TOKEN_DELAY_MS} ms delay"
    fi
    read -r calls failed first_ok last_fail failed_before statuses < <(awk -v k="$kill_time" '
        $3 > k { calls++; if ($4 != 200) { failed++; s[$4]++; if ($3 - k > last) last = $3 - k } }
        $3 <= k && $4 != 200 { before++ }
        $2 >= k && $4 == 200 && (first == "" || $3 - k < first) { first = $3 - k }
        END {
            for (c in s) list = list (list ? "," : "") c ":" s[c]
            printf "%d %d %s %s %d [%s]\n", calls, failed, first == "" ? "none" : sprintf("%.3f", first),
                failed ? sprintf("%.3f", last) : "-", before, list }' "$dir/calls.txt")
    end_prints="$(fingerprint 1) $(fingerprint 2)"
    {
        echo "demo-3 (pid $pid) getToken reached the simulator at $gettoken_seen (+0), killed at $kill_time (+$kill_after s)"
        echo "demo-3's calls ($attempts until its getToken):"
        cat "$dir/doomed" 2>/dev/null || echo none
        echo "tokenRequests: before the revocation $before, at the survivors' resume $tokens_at_start, before the kill $tokens_before_kill, after it $tokens_at_kill, at the end $tokens_end"
        echo "survivor calls failed before the kill: $failed_before"
        echo "fingerprints at the end (demo-1 demo-2): $end_prints"
        [ -z "$why" ] || echo "INVALID: $why"
    } >>"$dir/notes.txt"
    printf '%-4s %-7s %7s %7s %7s %9s %9s %-10s %-7s %-17s %s\n' "$run" "$valid" "$kill_after" "$calls" "$failed" "$first_ok" \
        "$last_fail" "$((tokens_end - tokens_at_kill))" "$(one_fingerprint $end_prints)" "$load_start/$load_kill/$load_end" \
        "$statuses" | tee -a "$OUT/summary.txt"
    [ "$valid" = yes ] && echo "$failed $first_ok $last_fail $((tokens_end - tokens_at_kill))" >>"$OUT/valid.txt"
    bin/demo-cluster stop >"$dir/stop.log" 2>&1
done

{
    echo "over the valid runs ($(wc -l <"$OUT/valid.txt" 2>/dev/null || echo 0) of $RUNS):   min median max"
    for column in 1:failed 2:first_ok 3:last_fail 4:getTokens; do
        printf '  %-10s %s\n' "${column#*:}" "$( { [ -f "$OUT/valid.txt" ] && awk -v c="${column%%:*}" '$c != "none" && $c != "-" { print $c }' "$OUT/valid.txt"; } | spread)"
    done
    echo "starts whose 3 servers showed different fingerprints: $fingerprints_differed of $RUNS"
} | tee -a "$OUT/summary.txt"
