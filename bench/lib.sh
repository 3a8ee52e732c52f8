# Helpers shared by the cluster scenario scripts (bench/lease-holder-killed.sh, partition.sh,
# two-deployments.sh, member-start.sh), sourced after they set BASE_PORT and SIMULATOR. Loopback
# only: the demo servers on BASE_PORT…, the simulator of demo-1.
BODY='{"robotId":"r1","mobile":"13800000000","secretType":2}'
export LC_ALL=C # a decimal point in $EPOCHREALTIME and printf

now() {
    echo "$EPOCHREALTIME"
}

# Seconds from $1 to $2, to the millisecond.
since() {
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'
}

# One counter of the simulator's control/stats.
stat() {
    curl -sf --max-time 10 "$SIMULATOR/control/stats" | sed -nE "s/.*\"$1\":([0-9]+).*/\1/p"
}

faults() {
    curl -sf --max-time 10 -X PUT -H 'Content-Type: application/json' -d "$1" "$SIMULATOR/control/faults"
}

# The fingerprint of the token server $1 (1, 2, …) shows on GET /demo/token, or "none".
fingerprint() {
    curl -s --max-time 10 "http://localhost:$((BASE_PORT + $1 - 1))/demo/token" |
        sed -nE 's/.*"fingerprint":"([0-9a-f]+)".*/\1/p' | grep . || echo none
}

# "same" when the fingerprints given are one and not "none", else "differ".
one_fingerprint() {
    if [ "$(printf '%s\n' "$@" | sort -u)" = "$1" ] && [ "$1" != none ]; then echo same; else echo differ; fi
}

# One realtime call on server $1 (1, 2, …); appends "demo-<n> start end status" to $2.
call() {
    local start end status
    start=$(now)
    status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 -X POST -H 'Content-Type: application/json' \
        -d "$BODY" "http://localhost:$((BASE_PORT + $1 - 1))/demo/realtime-call") || true
    end=$(now)
    echo "demo-$1 $start $end ${status:-000}" >>"$2"
}

# min median max of the numbers on stdin ("- - -" when none), each printed with format $1 (%g).
spread() {
    sort -g | awk -v f="${1:-%g}" '{ v[NR] = $1 } END {
        if (NR == 0) { print "- - -"; exit }
        m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf f " " f " " f "\n", v[1], m, v[NR] }'
}

# The AIOB_* variables of this shell, keys shown by name only.
aiob_settings() {
    local name
    compgen -e | grep -E '^AIOB_' | while read -r name; do
        if [[ $name == *KEY* ]]; then printf '%s=(set) ' "$name"; else printf '%s=%s ' "$name" "${!name}"; fi
    done
}

# The moments (epochs, in order) of the lines of demo-$1's messages.log that match the awk regex $2;
# for a message over several lines, the moment of its first.
logged() {
    cat target/cluster/demo-"$1"/logs/messages*.log 2>/dev/null |
        awk -v re="$2" '/^\[[0-9]+\/[0-9]+\/[0-9]+, / { stamp = $0 } $0 ~ re && stamp != "" { print stamp }' |
        sed -nE 's#^\[([0-9]+)/([0-9]+)/([0-9]+), ([0-9]+):([0-9]+):([0-9]+):([0-9]+) UTC\].*#20\3-\1-\2 \4:\5:\6.\7#p' |
        while read -r day time; do date -u -d "$day $time" +%s.%N; done | sort -g
}

# The first of those moments after epoch $3, or "none".
logged_after() {
    logged "$1" "$2" | awk -v after="$3" '$1 > after { print; found = 1; exit } END { if (!found) print "none" }'
}

# Per 10 s from epoch $1 to epoch $2: the getTokens of samples file $4 ("epoch getTokens", then,
# when it has them, one readiness status per server) and, for each of servers 1..$5, the calls of
# calls file $3 ("demo-<n> start end status") that ended then, those that failed (not HTTP 200) and,
# with readiness, the samples where it was ready (200).
per_ten_seconds() {
    awk -v b="$1" -v e="$2" -v calls="$3" -v servers="$5" '
        BEGIN {
            while ((getline line < calls) > 0) {
                split(line, f, " "); k = int((f[3] - b) / 10); s = substr(f[1], 6)
                n[k, s]++; if (f[4] != 200) bad[k, s]++
            }
        }
        NR == 1 { readiness = NF >= 2 + servers }
        { k = int(($1 - b) / 10)
          if ($2 != "-") { if (!(k in first)) first[k] = prev == "" ? $2 : prev; last[k] = $2; prev = $2 }
          for (s = 1; readiness && s <= servers; s++) { samples[k, s]++; if ($(2 + s) == 200) up[k, s]++ } }
        END {
            printf "  from   getTokens"
            for (s = 1; s <= servers; s++) printf "  %24s", "demo-" s " calls/failed" (readiness ? "/ready" : "")
            printf "\n"
            for (k = 0; k <= int((e - b) / 10); k++) {
                printf "  %4d s %9s", k * 10, (k in last) ? last[k] - first[k] : "-"
                for (s = 1; s <= servers; s++) {
                    if (readiness) printf "  %24s", n[k, s] + 0 "/" bad[k, s] + 0 "/" up[k, s] + 0 " of " samples[k, s] + 0
                    else printf "  %24s", n[k, s] + 0 "/" bad[k, s] + 0
                }
                printf "\n"
            }
        }' "$4"
}
