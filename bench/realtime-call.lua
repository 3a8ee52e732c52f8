-- wrk script for bench/e2e.sh: POSTs one realtime-call body and prints one machine-readable line.
wrk.method = "POST"
wrk.body = '{"robotId":"r1","mobile":"13800000000","secretType":2}'
wrk.headers["Content-Type"] = "application/json"

function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        "RESULT requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p99_ms=%.3f errors=%d status_errors=%d socket_errors=%d\n",
        summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        e.status + e.connect + e.read + e.write + e.timeout, e.status,
        e.connect + e.read + e.write + e.timeout))
end
