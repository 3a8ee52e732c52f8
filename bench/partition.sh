#!/usr/bin/env bash
# A network partition of one demo server out of three (docs/cluster.md, "When the cluster splits";
# the figures in docs/benchmarks.md). Three demo servers started by bin/demo-cluster (embedded
# Hazelcast members, split-brain protection on from 3 servers, a member dropped after 10 s without
# heartbeat); tokens live PARTITION_TOKEN_MINUTES, so that the side with the token refreshes it during
# the split, and every new token revokes the older ones; callers on every server all along. After
# PARTITION_BEFORE_SECONDS, iptables drops every packet between demo-3's Hazelcast member and the
# two others (HTTP, and so AIOB, stays reachable from both sides) for PARTITION_SECONDS, then lets
# them through again for PARTITION_AFTER_SECONDS. PARTITION_SERVER picks another server than
# demo-3; PARTITION_HOW=freeze stops its JVM (SIGSTOP, then SIGCONT) instead: a member that stops
# answering, as in a long GC pause, and with it that server's HTTP (so not demo-1, the simulator's);
# PARTITION_SERVER=owner freezes the server whose member owns the token's entries (asked of the
# cluster by bench/EntryOwner.java); when that is demo-1, the cluster is started again with
# another Access Key, whose entries another member may own.
#
# Printed: per 10 s, the simulator's getToken calls, each server's calls and failed calls (not
# HTTP 200) and readiness (ready samples of all); then, timed from the split detected (the cut-off
# member alone, from its log; when frozen, the others without it) and from the heal: getTokens
# during the split, failed calls on each side after the first 10 s, the cut-off server's refusals
# (status, median duration), and the seconds from the heal to one cluster again (its log), to one
# token on every server and readiness UP. figures.properties holds the same, key=value.
#
# Runs in a network namespace of its own (made and deleted here): root only, iptables installed
# with apt-get when missing, the demo WAR and Liberty built beforehand when missing (Maven, online);
# inside the namespace there is no network but loopback.
#
# Usage: sudo bench/partition.sh   (about 4 minutes; summary in target/bench-partition/summary.txt,
# every call, sample and server log in target/bench-partition/)
# Tunables (environment): PARTITION_SECONDS=100, PARTITION_BEFORE_SECONDS=30,
# PARTITION_AFTER_SECONDS=60, PARTITION_TOKEN_MINUTES=1, PARTITION_CALLERS=2 (concurrent callers per server),
# PARTITION_CALL_PAUSE_SECONDS=0.1 (each caller's pause between calls), PARTITION_SERVER=3 (or owner),
# PARTITION_HOW=cut (or freeze), SPLIT_BRAIN_PROTECTION=on
# (off: the grants cache unprotected, what the contention back-off alone gives). Every AIOB_*
# variable of the shell reaches the servers (bin/demo-cluster); AIOB_URL defaults to demo-1's
# simulator and AIOB_TOKEN_STORE to jcache.
set -euo pipefail
shopt -s inherit_errexit

PARTITION=${PARTITION_SECONDS:-100}
BEFORE=${PARTITION_BEFORE_SECONDS:-30}
AFTER=${PARTITION_AFTER_SECONDS:-60}
TOKEN_MINUTES=${PARTITION_TOKEN_MINUTES:-1}
CUT=${PARTITION_SERVER:-3}
HOW=${PARTITION_HOW:-cut}
[[ $CUT =~ ^([123]|owner)$ ]] || { echo "PARTITION_SERVER must be 1, 2, 3 or owner, not '$CUT'" >&2; exit 2; }
[[ $HOW =~ ^(cut|freeze)$ ]] || { echo "PARTITION_HOW must be cut or freeze, not '$HOW'" >&2; exit 2; }
[ "$HOW:$CUT" != cut:owner ] || { echo "PARTITION_SERVER=owner goes with PARTITION_HOW=freeze" >&2; exit 2; }
[ "$CUT" != owner ] || [ -z "${AIOB_ACCESS_KEY:-}${AIOB_URL:-}" ] || [ -n "${PARTITION_NETNS:-}" ] ||
    { echo "PARTITION_SERVER=owner picks the Access Key, against the simulator: unset AIOB_ACCESS_KEY and AIOB_URL" >&2; exit 2; }
[ "$HOW:$CUT" != freeze:1 ] || { echo "demo-1 runs the simulator every server calls: freeze demo-2 or demo-3" >&2; exit 2; }
CALLERS=${PARTITION_CALLERS:-2}
PAUSE=${PARTITION_CALL_PAUSE_SECONDS:-0.1}
export SPLIT_BRAIN_PROTECTION=${SPLIT_BRAIN_PROTECTION:-on}
# Fixed ports: the firewall rules below name them.
export BASE_PORT=9080 HAZELCAST_BASE_PORT=5701 HAZELCAST_OUTBOUND_BASE_PORT=5801

cd "$(dirname "$0")/.."
OUT=target/bench-partition
SIMULATOR=http://localhost:$BASE_PORT/aiob-simulator
source bench/lib.sh
export AIOB_URL=${AIOB_URL:-$SIMULATOR}
export AIOB_TOKEN_STORE=${AIOB_TOKEN_STORE:-jcache}

# Outside the namespace: what needs the network, then the same script inside a namespace of its own.
if [ -z "${PARTITION_NETNS:-}" ]; then
    [ "$(id -u)" = 0 ] || { echo "bench/partition.sh makes a network namespace and firewall rules: run it as root" >&2; exit 1; }
    command -v iptables >/dev/null || apt-get install -y -q iptables >/dev/null
    if [ ! -f target/aiob-mp.war ] || [ ! -x target/liberty/wlp/bin/server ]; then
        mvn -B -q -DskipTests package liberty:install-server
    fi
    namespace=aiob-partition-$$
    ip netns add "$namespace"
    trap 'ip netns delete "$namespace"' EXIT
    ip netns exec "$namespace" ip link set lo up
    PARTITION_NETNS=$namespace ip netns exec "$namespace" "$0" "$@"
    exit
fi

# The cut-off member's ports (its own, its outbound ones) and the two others', for iptables.
member_ports() {
    local outbound=$((HAZELCAST_OUTBOUND_BASE_PORT + 20 * ($1 - 1)))
    echo "$((HAZELCAST_BASE_PORT + $1 - 1)),$outbound:$((outbound + 19))"
}
# $1: A to cut the member off, D to heal; both directions.
cut_off() {
    if [ "$HOW" = freeze ]; then
        kill "-$([ "$1" = A ] && echo STOP || echo CONT)" "$(cat target/cluster/.pid/demo-"$CUT".pid)"
        return
    fi
    local minority majority
    minority=$(member_ports "$CUT")
    majority=$(for i in 1 2 3; do [ "$i" = "$CUT" ] || member_ports "$i"; done | paste -sd,)
    iptables -"$1" INPUT -p tcp -m multiport --sports "$minority" -m multiport --dports "$majority" -j DROP
    iptables -"$1" INPUT -p tcp -m multiport --sports "$majority" -m multiport --dports "$minority" -j DROP
}

rm -rf "$OUT"
mkdir -p "$OUT"
trap 'touch "$OUT"/stop; wait; bin/demo-cluster stop >/dev/null 2>&1 || true' EXIT

# Every PAUSE, until $OUT/stop: a call on server $1, recorded in calls.$1.$2.
caller() {
    while [ ! -e "$OUT/stop" ]; do
        call "$1" "$OUT/calls.$1.$2"
        sleep "$PAUSE"
    done
}

# Every second, until $OUT/stop: "epoch getTokens ready1 ready2 ready3 fingerprint1 fingerprint2 fingerprint3".
sampler() {
    local t ready=() prints=() i
    while [ ! -e "$OUT/stop" ]; do
        t=$(now)
        ready=()
        prints=()
        for i in 1 2 3; do
            ready+=("$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://localhost:$((BASE_PORT + i - 1))/health/ready" || true)")
            # Not fingerprint's 10 s: a frozen server would slow every sample down.
            prints+=("$(curl -s --max-time 2 "http://localhost:$((BASE_PORT + i - 1))/demo/token" |
                sed -nE 's/.*"fingerprint":"([0-9a-f]+)".*/\1/p' | grep . || echo none)")
        done
        echo "$t $(stat tokenRequests || echo -) ${ready[*]} ${prints[*]}" >>"$OUT/samples.txt"
        sleep 1
    done
}

# scheme://host:port of a URL, the port given or the scheme's: how the component keys an account.
origin() {
    local scheme=${1%%://*} rest=${1#*://}
    local authority=${rest%%/*}
    [[ $authority == *:* ]] || authority=$authority:$([ "$scheme" = https ] && echo 443 || echo 80)
    echo "$scheme://${authority,,}"
}

# The server whose member owns the account's entries (grants and leases share the key, so the
# partition), as a number; where its owner is not a demo server, 0.
entry_owner() {
    local port
    port=$(java -cp "$(ls target/aiob-mp/WEB-INF/lib/hazelcast-[0-9]*.jar)" bench/EntryOwner.java \
        "${HAZELCAST_CLUSTER_NAME:-aiob-demo-$BASE_PORT}" "$(origin "$AIOB_URL")" "${AIOB_ACCESS_KEY:-demo-access-key}" \
        127.0.0.1:"$HAZELCAST_BASE_PORT" 127.0.0.1:$((HAZELCAST_BASE_PORT + 1)) 127.0.0.1:$((HAZELCAST_BASE_PORT + 2)) \
        2>>"$OUT/entry-owner.log" | tail -n 1)
    [[ $port =~ ^[0-9]+$ ]] && echo $((port - HAZELCAST_BASE_PORT + 1)) || echo 0
}

# Which member owns the entries is the same on every start for one key (the partition table
# follows the members' addresses): each new start uses another Access Key, simulator and servers alike.
for attempt in 1 2 3 4 5 6; do
    if [ "$CUT" = owner ]; then
        export AIOB_ACCESS_KEY=partition-bench-$attempt AIOB_SIMULATOR_ACCESS_KEY=partition-bench-$attempt
    fi
    echo "== starting 3 demo servers" >&2
    bin/demo-cluster start 3 >"$OUT/start.log" 2>&1 || { cat "$OUT/start.log" >&2; exit 1; }
    [ "$CUT" = owner ] || break
    owner=$(entry_owner)
    echo "== the token's entries are on demo-$owner's member (Access Key $AIOB_ACCESS_KEY)" >&2
    if [[ $owner =~ ^[23]$ ]]; then
        CUT=$owner
        break
    fi
    [ "$attempt" != 6 ] || { echo "no demo server could be frozen (see $OUT/entry-owner.log)" >&2; exit 1; }
    bin/demo-cluster stop >/dev/null
done
faults "{\"newTokenRevokesOlder\":true,\"expiresMinutes\":$TOKEN_MINUTES}" >/dev/null
# The token of the start lives long: its replacement, at the first call, lives TOKEN_MINUTES.
curl -sf --max-time 10 -X POST "$SIMULATOR/control/revoke-all"
load_start=$(cut -d' ' -f1 /proc/loadavg)
began=$(now)
for server in 1 2 3; do
    for ((i = 0; i < CALLERS; i++)); do
        caller "$server" "$i" &
    done
done
sampler &

sleep "$BEFORE"
echo "== cutting demo-$CUT's member off ($HOW) for $PARTITION s" >&2
cut_off A
split_at=$(now)
sleep "$PARTITION"
cut_off D
healed_at=$(now)
echo "== healed; $AFTER s more" >&2
sleep "$AFTER"
touch "$OUT/stop"
wait
ended=$(now)
load_end=$(cut -d' ' -f1 /proc/loadavg)

cat "$OUT"/calls.* | sort -k2,2g >"$OUT/calls.txt"
for server in 1 2 3; do
    mkdir -p "$OUT/logs/demo-$server"
    cp target/cluster/demo-"$server"/logs/messages*.log "$OUT/logs/demo-$server/"
done
if [ "$HOW" = freeze ]; then
    detected_at=$(logged_after "$([ "$CUT" = 1 ] && echo 2 || echo 1)" "Members .size:2," "$split_at")
else
    detected_at=$(logged_after "$CUT" "Members .size:1," "$split_at")
fi
merged_at=$(logged_after "$CUT" "Members .size:3," "$healed_at")
# The first sample from the heal on where every server is ready and shows one token (a refresh
# later shows two for a moment, until the others take it: not counted).
converged_at=$(awk -v h="$healed_at" '$1 >= h && $3 == 200 && $4 == 200 && $5 == 200 && $6 != "none" &&
        $6 == $7 && $7 == $8 { print $1; found = 1; exit } END { if (!found) print "none" }' "$OUT/samples.txt")
tokens_at() {
    awk -v t="$1" '$1 <= t && $2 != "-" { n = $2 } END { print n == "" ? 0 : n }' "$OUT/samples.txt"
}
elapsed() {
    [ "$2" = none ] && echo none || since "$1" "$2"
}
# "calls failed [status:count,…]" of the calls file's lines that the awk condition $1 selects.
calls_where() {
    awk "$1"' { n++; if ($4 != 200) { bad++; s[$4]++ } } END {
        for (c in s) list = list (list ? "," : "") c ":" s[c]
        printf "%d %d [%s]\n", n, bad, list }' "$OUT/calls.txt"
}

# The figures, also in figures.properties.
detected_after=$(elapsed "$split_at" "$detected_at")
tokens_split=$(($(tokens_at "$healed_at") - $(tokens_at "$split_at")))
majority=(- - -) minority=(- - -) refusals="- - -" tokens_detected=-
if [ "$detected_at" != none ]; then
    from=$(awk -v d="$detected_at" 'BEGIN { printf "%.3f", d + 10 }')
    tokens_detected=$(($(tokens_at "$healed_at") - $(tokens_at "$detected_at")))
    read -ra majority < <(calls_where "\$3 > $from && \$3 <= $healed_at && \$1 != \"demo-$CUT\"")
    read -ra minority < <(calls_where "\$2 >= $detected_at && \$3 <= $healed_at && \$1 == \"demo-$CUT\"")
    refusals=$(awk -v to="$healed_at" -v d="$detected_at" -v cut="demo-$CUT" \
        '$2 >= d && $3 <= to && $1 == cut && $4 != 200 { print $3 - $2 }' "$OUT/calls.txt" | spread)
fi
read -ra after_heal < <(calls_where "\$3 > $healed_at")
merged_after=$(elapsed "$healed_at" "$merged_at")
converged_after=$(elapsed "$healed_at" "$converged_at")
tokens_healed=$(($(tokens_at "$ended") - $(tokens_at "$healed_at")))
cat >"$OUT/figures.properties" <<FIGURES
split.detected.after.seconds=$detected_after
split.gettokens=$tokens_split
split.gettokens.after.detection=$tokens_detected
majority.calls=${majority[0]}
majority.failed=${majority[1]}
majority.statuses=${majority[2]}
minority.calls=${minority[0]}
minority.refused=${minority[1]}
minority.statuses=${minority[2]}
heal.merged.after.seconds=$merged_after
heal.converged.after.seconds=$converged_after
heal.gettokens=$tokens_healed
heal.calls=${after_heal[0]}
heal.failed=${after_heal[1]}
FIGURES

{
    echo "Partition of demo-$CUT's member ($HOW), $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
    echo "3 servers, tokens of $TOKEN_MINUTES min, every new token revoking the older ones; $CALLERS callers on each server, ${PAUSE} s between calls;"
    echo "split-brain protection $SPLIT_BRAIN_PROTECTION; $BEFORE s before the split, $PARTITION s split, $AFTER s after the heal. Settings: $(aiob_settings)"
    echo "load (1 min) at start / end: $load_start / $load_end"
    echo
    echo "per 10 s from the start (split at +$(since "$began" "$split_at") s, heal at +$(since "$began" "$healed_at") s):"
    per_ten_seconds "$began" "$ended" "$OUT/calls.txt" "$OUT/samples.txt" 3
    echo
    echo "split detected ($([ "$HOW" = freeze ] && echo "the others without demo-$CUT's member" || echo "demo-$CUT's member alone")): $detected_after s after the cut"
    echo "getTokens from the cut to the heal: $tokens_split; from the detection to the heal: $tokens_detected"
    echo "majority side (the servers but demo-$CUT), from 10 s after the detection to the heal: ${majority[0]} calls, ${majority[1]} failed ${majority[2]}"
    echo "demo-$CUT from the detection to the heal: ${minority[0]} calls, ${minority[1]} refused ${minority[2]}, refusals took min/median/max $refusals s"
    echo "after the heal: one cluster again (demo-$CUT's member sees 3) after $merged_after s; every server ready with one token after $converged_after s; getTokens $tokens_healed"
    echo "calls after the heal: ${after_heal[0]}, failed ${after_heal[1]} ${after_heal[2]}"
} | tee "$OUT/summary.txt"
