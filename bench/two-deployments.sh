#!/usr/bin/env bash
# Two deployments on one Access Key (docs/cluster.md, "One key, two deployments"; the figures in
# docs/benchmarks.md): two demo servers started by bin/demo-cluster, each with a store of its own
# (AIOB_TOKEN_STORE=local), so that each one's getToken revokes the other's token; every new token
# revokes the older ones; callers on both all along. Run once with the contention detection as
# configured (aiob.token.contention.*, the defaults unless set) and once with it off
# (AIOB_TOKEN_CONTENTION_REJECTIONS=0), the baseline.
#
# Printed per run: per 10 s, the simulator's getToken calls and each server's calls and failed
# calls (not HTTP 200); when each server logged the contention WARNING (s from the first call);
# getTokens in all and per minute from the later of the two WARNINGs on (with detection off, from
# the same moment of the run).
#
# Usage: bench/two-deployments.sh   (about 3.5 minutes per run, 2 runs; summary in
# target/bench-two-deployments/summary.txt, every call and server log in its run's directory)
# Tunables (environment): TWO_DEPLOYMENTS_SECONDS=150 (load per run), TWO_DEPLOYMENTS_CALLERS=2
# (concurrent callers per server), TWO_DEPLOYMENTS_CALL_PAUSE_SECONDS=0.1, BASE_PORT=9080. Every
# AIOB_* variable of the shell reaches the servers; AIOB_URL defaults to demo-1's simulator.
# Needs the ports of 2 demo servers free (9080-9081, 9443-9444) and curl.
set -euo pipefail
shopt -s inherit_errexit

MEASURED=${TWO_DEPLOYMENTS_SECONDS:-150}
CALLERS=${TWO_DEPLOYMENTS_CALLERS:-2}
PAUSE=${TWO_DEPLOYMENTS_CALL_PAUSE_SECONDS:-0.1}
export BASE_PORT=${BASE_PORT:-9080}

cd "$(dirname "$0")/.."
OUT=target/bench-two-deployments
SIMULATOR=http://localhost:$BASE_PORT/aiob-simulator
source bench/lib.sh
export AIOB_URL=${AIOB_URL:-$SIMULATOR}
export AIOB_TOKEN_STORE=local
rm -rf "$OUT"
mkdir -p "$OUT"
trap 'touch "$OUT"/stop; wait; bin/demo-cluster stop >/dev/null 2>&1 || true' EXIT

# Every PAUSE, until $1/stop: a call on server $2, recorded in $1/calls.$2.$3.
caller() {
    while [ ! -e "$1/stop" ]; do
        call "$2" "$1/calls.$2.$3"
        sleep "$PAUSE"
    done
}

# Every second, until $1/stop: "epoch getTokens" in $1/samples.txt.
sampler() {
    while [ ! -e "$1/stop" ]; do
        echo "$(now) $(stat tokenRequests || echo -)" >>"$1/samples.txt"
        sleep 1
    done
}

# The getTokens the simulator counted by epoch $2 in run directory $1.
tokens_at() {
    awk -v t="$2" '$1 <= t && $2 != "-" { n = $2 } END { print n == "" ? 0 : n }' "$1/samples.txt"
}

# One run, named $1 (its directory under $OUT), with the environment given after it.
run() {
    local name=$1 dir=$OUT/$1 began ended server i warned=() first_call warned_at
    shift
    mkdir -p "$dir"
    echo "== run $name: $*" >&2
    env "$@" bin/demo-cluster start 2 >"$dir/start.log" 2>&1 || { cat "$dir/start.log" >&2; exit 1; }
    faults '{"newTokenRevokesOlder":true}' >/dev/null
    # Each server holds a token of the start, both issued before the setting: the war begins with
    # the next getToken.
    curl -sf --max-time 10 -X POST "$SIMULATOR/control/revoke-all"
    began=$(now)
    for server in 1 2; do
        for ((i = 0; i < CALLERS; i++)); do
            caller "$dir" "$server" "$i" &
        done
    done
    sampler "$dir" &
    sleep "$MEASURED"
    touch "$dir/stop"
    wait
    ended=$(now)
    cat "$dir"/calls.* | sort -k2,2g >"$dir/calls.txt"
    for server in 1 2; do
        mkdir -p "$dir/logs/demo-$server"
        cp target/cluster/demo-"$server"/logs/messages*.log "$dir/logs/demo-$server/"
    done
    first_call=$(awk 'NR == 1 { print $2 }' "$dir/calls.txt")
    for server in 1 2; do
        warned+=("$(logged_after "$server" "another fetcher uses the same Access Key" "$began")")
    done
    # From the later WARNING on; with none (detection off), from the same point of the run as the
    # other run's, if it ran first, else from a third of the run.
    if [[ " ${warned[*]} " == *" none "* ]]; then
        warned_at=$(awk -v b="$began" -v d="${WARNED_AFTER:-$((MEASURED / 3))}" 'BEGIN { printf "%.3f", b + d }')
    else
        warned_at=$(printf '%s\n' "${warned[@]}" | sort -g | tail -n 1)
        WARNED_AFTER=$(since "$began" "$warned_at")
    fi
    {
        echo
        echo "run $name ($*):"
        per_ten_seconds "$began" "$ended" "$dir/calls.txt" "$dir/samples.txt" 2
        for server in 1 2; do
            echo "  demo-$server contention WARNING: $([ "${warned[server - 1]}" = none ] && echo none ||
                echo "$(since "$first_call" "${warned[server - 1]}") s after the first call")"
        done
        local from_tokens to_tokens
        from_tokens=$(tokens_at "$dir" "$warned_at")
        to_tokens=$(tokens_at "$dir" "$ended")
        echo "  getTokens: $(tokens_at "$dir" "$ended") in all; $((to_tokens - from_tokens)) in the last" \
            "$(since "$warned_at" "$ended") s ($(awk -v n="$((to_tokens - from_tokens))" -v s="$(since "$warned_at" "$ended")" \
                'BEGIN { printf "%.1f", n * 60 / s }') a minute)"
        awk '{ n++; if ($4 != 200) { bad++; s[$4]++ } } END {
            for (c in s) list = list (list ? "," : "") c ":" s[c]
            printf "  calls: %d, failed %d [%s]\n", n, bad, list }' "$dir/calls.txt"
    } | tee -a "$OUT/summary.txt"
    bin/demo-cluster stop >"$dir/stop.log" 2>&1
}

{
    echo "Two deployments on one Access Key, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
    echo "2 servers, each with a local store; every new token revoking the older ones; $CALLERS callers on each"
    echo "server, ${PAUSE} s between calls, ${MEASURED} s per run. Settings: $(aiob_settings)"
} | tee "$OUT/summary.txt"
run detection "AIOB_TOKEN_CONTENTION_REJECTIONS=${AIOB_TOKEN_CONTENTION_REJECTIONS:-2}"
run baseline AIOB_TOKEN_CONTENTION_REJECTIONS=0
