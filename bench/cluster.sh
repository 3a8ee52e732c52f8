#!/usr/bin/env bash
# Cluster benchmark (docs/benchmarks.md, section 5): demo servers started by bin/demo-cluster, each
# under wrk load at once, while tokens expire every minute and every new token revokes the older
# ones; once with each server on its own (aiob.token-store=local) and once sharing one token
# (jcache, embedded Hazelcast members). Per run: calls, failed calls, and the simulator's getToken
# calls and API rejections for the whole cluster, in all and per minute (one token lifetime).
# Loopback only: every server calls demo-1's built-in simulator.
#
# Usage: bench/cluster.sh   (one run per row, about 3.5 minutes each, 5 rows; summary in
# target/bench-cluster/summary.txt)
# Tunables (environment): CLUSTER_SIZES="1 2 3" (1: the baseline, one server on its own, local
# store only), CLUSTER_STORES="local jcache", CLUSTER_SECONDS=120
# (measured, per run), CLUSTER_WARMUP_SECONDS=20, CLUSTER_CONNECTIONS=2 (per server).
# Needs ports 9080…, 9443…, 5701… free and wrk (installed with apt-get when missing and root).
set -euo pipefail
shopt -s inherit_errexit

SIZES=${CLUSTER_SIZES:-1 2 3}
STORES=${CLUSTER_STORES:-local jcache}
MEASURED=${CLUSTER_SECONDS:-120}
WARMUP=${CLUSTER_WARMUP_SECONDS:-20}
CONNECTIONS=${CLUSTER_CONNECTIONS:-2}

cd "$(dirname "$0")/.."
OUT=target/bench-cluster
SIMULATOR=http://localhost:9080/aiob-simulator
mkdir -p "$OUT"
trap 'bin/demo-cluster stop >/dev/null 2>&1 || true' EXIT

if ! command -v wrk >/dev/null; then
    [ "$(id -u)" = 0 ] || { echo "bench/cluster.sh needs wrk" >&2; exit 1; }
    apt-get install -y -q wrk >/dev/null
fi

per_minute() {
    awk -v n="$1" -v s="$MEASURED" 'BEGIN { printf "%.2f", n * 60 / s }'
}

stat() {
    curl -sf "$SIMULATOR/control/stats" | sed -nE "s/.*\"$1\":([0-9]+).*/\1/p"
}

# wrk on every server of the cluster at once, for $2 seconds; prints "requests failed" summed.
load() {
    local count=$1 seconds=$2 i pids=() requests=0 failed=0 line
    for ((i = 0; i < count; i++)); do
        wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" --timeout 30s -s bench/realtime-call.lua \
            "http://localhost:$((9080 + i))/demo/realtime-call" >"$OUT/wrk-$i.out" 2>&1 &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do
        wait "$pid"
    done
    for ((i = 0; i < count; i++)); do
        line=$(grep '^RESULT' "$OUT/wrk-$i.out")
        requests=$((requests + $(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$line")))
        failed=$((failed + $(sed -E 's/.* errors=([0-9]+).*/\1/' <<<"$line")))
    done
    echo "$requests $failed"
}

{
    echo "Cluster benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores: ${MEASURED} s measured per run after ${WARMUP} s,"
    echo "$CONNECTIONS connections per server, 1-minute tokens, every new token revoking the older ones."
    printf '%-8s %-7s %9s %7s %9s %10s %14s %16s\n' servers store calls failed getToken rejections "getToken/min" "rejections/min"
} >"$OUT/summary.txt"

for size in $SIZES; do
    for store in $STORES; do
        if [ "$size" = 1 ] && [ "$store" != local ]; then
            continue
        fi
        echo "== $size servers, $store store"
        AIOB_URL=$SIMULATOR AIOB_TOKEN_STORE=$store AIOB_SIMULATOR_EXPIRES_MINUTES=1 bin/demo-cluster start "$size"
        curl -sf -X PUT -H 'Content-Type: application/json' -d '{"newTokenRevokesOlder":true}' \
            "$SIMULATOR/control/faults"
        load "$size" "$WARMUP" >/dev/null
        tokens_before=$(stat tokenRequests)
        rejections_before=$(stat apiTokenRejections)
        read -r calls failed < <(load "$size" "$MEASURED")
        tokens=$(($(stat tokenRequests) - tokens_before))
        rejections=$(($(stat apiTokenRejections) - rejections_before))
        printf '%-8s %-7s %9d %7d %9d %10d %14.2f %16.2f\n' "$size" "$store" "$calls" "$failed" "$tokens" \
            "$rejections" "$(per_minute "$tokens")" "$(per_minute "$rejections")" \
            | tee -a "$OUT/summary.txt"
        bin/demo-cluster stop
    done
done
