#!/usr/bin/env bash
# How long the embedded Hazelcast member of each demo server takes to start and join the others
# (docs/cluster.md: "the member starts in the background as the application starts"), on an idle
# machine and with every core kept busy by CPU hogs during the start. Each start is
# `bin/demo-cluster start N` (the JCache store, embedded members, demo-1's simulator), then stop.
# From each server's messages.log, in seconds after its "CWWKZ0018I: Starting application aiob-mp":
#   app      CWWKZ0001I, the application started
#   hz       the member's first line, "Hazelcast Platform … starting at" (the member is being built)
#   member   the member's "is STARTED" (Hazelcast's lifecycle: it joined, or formed, a cluster)
#   own      member - hz: the member's own start
#   all_in   its first "Members {size:N," (its member sees all N members: the store is shared)
# and per start: whether the N servers showed one fingerprint on GET /demo/token as the start
# returned (else whether and how soon they did), the shares of the cores that the hogs and other
# processes (other engineers' builds, say) used during the start, and how many "The AIOB token store did not …"
# WARNINGs (a store operation past its timeout: the server fetches on its own) the servers logged.
# Min / median / max per mode over every server of every start.
#
# Usage: bench/member-start.sh   (about 2 minutes a start; summary in
# target/bench-member-start/summary.txt, each start's logs in target/bench-member-start/<mode>-<n>/)
# Tunables (environment): MEMBER_START_MODES="idle busy", MEMBER_START_RUNS=3 (starts per mode),
# MEMBER_START_SERVERS=3, MEMBER_START_HOGS=<cores> (busy: how many `sha256sum /dev/zero` run from
# MEMBER_START_HOG_LEAD_SECONDS=5 before the start until it returns), MEMBER_START_IDLE_CPU=25 and
# MEMBER_START_IDLE_WAIT_SECONDS=600 (idle: before each start, wait up to that long for the cores to
# be busy less than that percentage over 5 s, then start anyway), MEMBER_START_RECHECK_SECONDS=60
# (how long fingerprints that differ are polled for becoming one), BASE_PORT=9080. Every AIOB_*
# variable of the shell reaches the servers (bin/demo-cluster); AIOB_URL defaults to demo-1's
# simulator. Needs the demo servers' ports free (9080…, 9443…, 5701…).
set -euo pipefail
shopt -s inherit_errexit

MODES=${MEMBER_START_MODES:-idle busy}
RUNS=${MEMBER_START_RUNS:-3}
SERVERS=${MEMBER_START_SERVERS:-3}
HOGS=${MEMBER_START_HOGS:-$(nproc)}
LEAD=${MEMBER_START_HOG_LEAD_SECONDS:-5}
IDLE_CPU=${MEMBER_START_IDLE_CPU:-25}
IDLE_WAIT=${MEMBER_START_IDLE_WAIT_SECONDS:-600}
RECHECK=${MEMBER_START_RECHECK_SECONDS:-60}
BASE_PORT=${BASE_PORT:-9080}

cd "$(dirname "$0")/.."
OUT=target/bench-member-start
export BASE_PORT
export AIOB_URL=${AIOB_URL:-http://localhost:$BASE_PORT/aiob-simulator}
SIMULATOR=$AIOB_URL
source bench/lib.sh
rm -rf "$OUT"
mkdir -p "$OUT"

HOG_PIDS=()
stop_hogs() {
    local pid
    for pid in "${HOG_PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    HOG_PIDS=()
}
trap 'stop_hogs; bin/demo-cluster stop >/dev/null 2>&1 || true' EXIT

load() {
    cut -d' ' -f1 /proc/loadavg
}

# How busy all cores were over the next $1 seconds, in percent (from /proc/stat).
cpu_busy() {
    local before after
    before=$(head -1 /proc/stat)
    sleep "$1"
    after=$(head -1 /proc/stat)
    # cpu user nice system idle iowait irq softirq steal ...
    awk -v a="$before" -v b="$after" 'BEGIN {
        split(a, x); split(b, y)
        busy = (y[2] + y[3] + y[4] + y[7] + y[8] + y[9]) - (x[2] + x[3] + x[4] + x[7] + x[8] + x[9])
        idle = (y[5] + y[6]) - (x[5] + x[6])
        printf "%d", (busy + idle > 0) ? 100 * busy / (busy + idle) : 0 }'
}

fingerprint() {
    curl -s --max-time 10 "http://localhost:$((BASE_PORT + $1 - 1))/demo/token" |
        sed -nE 's/.*"fingerprint":"([0-9a-f]+)".*/\1/p' | grep . || echo none
}

# The epoch seconds of the first messages.log entry of server $1 matching $2 (an ERE), or of the
# entry a continuation line matching $2 belongs to; nothing when none matches.
when() {
    local stamp
    stamp=$(cat "target/cluster/demo-$1/logs"/messages*.log 2>/dev/null | awk -v re="$2" '
        /^\[[0-9]+\/[0-9]+\/[0-9]+, [0-9:]+ [A-Z]+\]/ { stamp = substr($0, 2, index($0, "]") - 2) }
        $0 ~ re && stamp != "" { print stamp; exit }') || true
    [ -n "$stamp" ] || return 0
    # Liberty's "12/4/26, 18:19:40:073 UTC": month/day/year, milliseconds after a colon.
    sed -E 's/^([0-9]+)\/([0-9]+)\/([0-9]+), ([0-9:]+):([0-9]+) ([A-Z]+)$/20\3-\1-\2 \4.\5 \6/' <<<"$stamp" |
        date -f - +%s.%N
}

# Seconds from $1 to $2, or "-" when either is missing.
since() {
    if [ -n "$1" ] && [ -n "$2" ] && [ "$1" != - ] && [ "$2" != - ]; then awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; else echo -; fi
}

# Clock ticks the processes $@ have used so far (user + system), 0 for those gone.
ticks() {
    local pid total=0
    for pid in "$@"; do
        total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
    done
    echo "$total"
}

# Sets CHILD_TICKS to the clock ticks this shell's waited-for children (and theirs) have used so
# far: bin/demo-cluster and what it runs in the foreground, such as `server create`. Not to be
# called in a subshell, whose children would be its own.
children_ticks() {
    local user system
    times >"$OUT/children-times.out"
    { read -r _ _; read -r user system; } <"$OUT/children-times.out"
    CHILD_TICKS=$(awk -v u="$user" -v s="$system" -v hz="$(getconf CLK_TCK)" 'function sec(t, m) {
            split(t, m, /[ms]/); return m[1] * 60 + m[2] }
        BEGIN { printf "%d", (sec(u) + sec(s)) * hz }')
}

# "busy idle" clock ticks of all cores so far.
machine_ticks() {
    head -1 /proc/stat | awk '{ print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }'
}

# The servers' fingerprints: "same" when one; else, polling every second for up to $RECHECK s,
# "differ>same@<s>" when they became one, or "differ".
fingerprints() {
    local began=$SECONDS prints state=same i
    while :; do
        prints=$(for ((i = 1; i <= SERVERS; i++)); do fingerprint "$i"; done | sort -u)
        if [ "$(wc -l <<<"$prints")" = 1 ] && [ "$prints" != none ]; then
            [ "$state" = same ] && echo same || echo "differ>same@$((SECONDS - began))"
            return
        fi
        state=differ
        ((SECONDS - began < RECHECK)) || break
        sleep 1
    done
    echo differ
}

{
    echo "Embedded Hazelcast member start, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
    echo "bin/demo-cluster start $SERVERS; busy: $HOGS x sha256sum /dev/zero from ${LEAD} s before the start until it returns."
    echo "Seconds after each server's CWWKZ0018I (application starting): app = CWWKZ0001I (application started),"
    echo "hz = 'Hazelcast Platform ... starting at', member = its member 'is STARTED', own = member - hz,"
    echo "all_in = its first 'Members {size:$SERVERS,'. start_s: bin/demo-cluster start, wall clock."
    echo "cpu: % of all cores busy in the 5 s before the start (busy: with the hogs). hogs, others: % of all cores"
    echo "that the hogs, and processes other than the hogs, the servers and bin/demo-cluster's own (such as"
    echo "server create), used during the start. load: 1-minute load average before"
    echo "the start / as it returned. fps: one fingerprint on all servers as the start returned (same), or not"
    echo "and then one within ${RECHECK} s (differ>same@<s>), or not (differ). warn: 'The AIOB token store did not' WARNINGs."
    printf '%-5s %-4s %-7s %6s %6s %7s %6s %7s %8s %4s %5s %6s %-12s %-16s %s\n' mode run server app hz member own \
        all_in start_s cpu hogs others load fps warn
} >"$OUT/summary.txt"
cat "$OUT/summary.txt"

for mode in $MODES; do
    for ((run = 1; run <= RUNS; run++)); do
        dir=$OUT/$mode-$run
        mkdir -p "$dir"
        if [ "$mode" = busy ]; then
            for ((i = 0; i < HOGS; i++)); do
                sha256sum /dev/zero &
                HOG_PIDS+=($!)
            done
            cpu=$(cpu_busy "$LEAD")
        else
            waited=$SECONDS
            until cpu=$(cpu_busy 5) && ((cpu < IDLE_CPU)); do
                if ((SECONDS - waited > IDLE_WAIT)); then
                    echo "member-start: the cores are still ${cpu}% busy after ${IDLE_WAIT} s: starting anyway" >&2
                    break
                fi
            done
        fi
        load_before=$(load)
        read -r busy_before idle_before < <(machine_ticks)
        hogs_before=$(ticks "${HOG_PIDS[@]}")
        children_ticks
        children_before=$CHILD_TICKS
        began=$SECONDS
        bin/demo-cluster start "$SERVERS" >"$dir/start.log" 2>&1 || { cat "$dir/start.log" >&2; exit 1; }
        took=$((SECONDS - began))
        read -r busy_after idle_after < <(machine_ticks)
        hogs=$(($(ticks "${HOG_PIDS[@]}") - hogs_before))
        # The servers' JVMs were born in this start: all their ticks are its.
        children_ticks
        mine=$(($(ticks $(cat target/cluster/.pid/demo-*.pid)) + CHILD_TICKS - children_before))
        read -r others hogs < <(awk -v b=$((busy_after - busy_before)) -v i=$((idle_after - idle_before)) -v m="$mine" \
            -v h="$hogs" 'BEGIN { t = b + i; o = b - m - h
                printf "%d %d\n", (t > 0 && o > 0) ? 100 * o / t : 0, (t > 0) ? 100 * h / t : 0 }')
        load_after=$(load)
        stop_hogs
        fps=$(fingerprints)
        warnings=$(cat target/cluster/demo-*/logs/messages*.log | grep -c 'The AIOB token store did not' || true)
        for ((i = 1; i <= SERVERS; i++)); do
            starting=$(when "$i" 'CWWKZ0018I: Starting application aiob-mp')
            app=$(since "$starting" "$(when "$i" 'CWWKZ0001I: Application aiob-mp started')")
            hz=$(since "$starting" "$(when "$i" 'Hazelcast Platform .* starting at')")
            member=$(since "$starting" "$(when "$i" 'is STARTED *$')")
            own=$(since "$hz" "$member")
            all_in=$(since "$starting" "$(when "$i" "Members [{]size:$SERVERS,")")
            printf '%-5s %-4s %-7s %6s %6s %7s %6s %7s %8s %4s %5s %6s %-12s %-16s %s\n' "$mode" "$run" "demo-$i" \
                "$app" "$hz" "$member" "$own" "$all_in" "$took" "$cpu" "$hogs" "$others" "$load_before/$load_after" "$fps" \
                "$warnings" | tee -a "$OUT/summary.txt"
            echo "$mode demo-$i $app $hz $member $own $all_in" >>"$OUT/times.txt"
        done
        echo "$mode $fps" >>"$OUT/fingerprints.txt"
        bin/demo-cluster stop >"$dir/stop.log" 2>&1
        for ((i = 1; i <= SERVERS; i++)); do
            mkdir -p "$dir/demo-$i"
            cp target/cluster/demo-$i/logs/*.log "$dir/demo-$i/" 2>/dev/null || true
        done
    done
done

{
    echo "min median max over every server of every start:"
    for mode in $MODES; do
        for column in 3:app 4:hz 5:member 6:own 7:all_in; do
            printf '  %-5s %-7s %s\n' "$mode" "${column#*:}" \
                "$(awk -v m="$mode" -v c="${column%%:*}" '$1 == m && $c != "-" { print $c }' "$OUT/times.txt" | spread %.1f)"
        done
        printf '  %-5s starts whose servers showed different fingerprints as the start returned: %s of %s (%s still after %s s)\n' \
            "$mode" "$(grep -c "^$mode differ" "$OUT/fingerprints.txt" || true)" "$RUNS" \
            "$(grep -c "^$mode differ$" "$OUT/fingerprints.txt" || true)" "$RECHECK"
    done
} | tee -a "$OUT/summary.txt"
