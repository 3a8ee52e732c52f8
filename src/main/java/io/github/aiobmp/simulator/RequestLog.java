package io.github.aiobmp.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Counts the API calls received and keeps the most recent {@value #CAPACITY} of them. Thread-safe. */
final class RequestLog {

    static final int CAPACITY = 10_000;

    /** Oldest first. Guarded by this. */
    private final Deque<RecordedRequest> recent = new ArrayDeque<>();
    private int received;

    synchronized void record(RecordedRequest request) {
        received++;
        if (recent.size() == CAPACITY) {
            recent.removeFirst();
        }
        recent.addLast(request);
    }

    /** Returns how many calls were recorded since the last clear, including those no longer kept. */
    synchronized int received() {
        return received;
    }

    /** Returns the calls kept, oldest first. */
    synchronized List<RecordedRequest> recent() {
        return List.copyOf(recent);
    }

    synchronized void clear() {
        recent.clear();
        received = 0;
    }
}
