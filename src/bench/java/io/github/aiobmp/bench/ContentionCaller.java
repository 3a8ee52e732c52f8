package io.github.aiobmp.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * One of the threads hammering a token holder: calls it in a loop, pausing {@code pauseNanos}
 * between calls, and remembers its slow calls and its first call that returned a new token.
 */
final class ContentionCaller implements Runnable {

    /** A call at least this long is remembered. */
    static final long SLOW_NANOS = 100_000;
    private static final int MAX_SLOW_CALLS = 4096;

    /** Obtains the token as a user of one holder would, once per request. */
    @FunctionalInterface
    interface TokenCall {
        String token() throws Exception;
    }

    private final TokenCall call;
    private final String firstToken;
    private final long pauseNanos;
    private final long oldTokenDeadlineNanos;
    private final CountDownLatch go;
    private volatile boolean stopped;

    long calls;
    long errors;
    /** Calls started after {@code oldTokenDeadlineNanos} that still returned the first token. */
    long oldTokenAfterDeadline;
    long firstNewStart = -1;
    long firstNewEnd = -1;
    final long[] slowStart = new long[MAX_SLOW_CALLS];
    final long[] slowEnd = new long[MAX_SLOW_CALLS];
    int slowCalls;

    /**
     * @param firstToken            what the holder returned before the refresh (matched as a suffix)
     * @param oldTokenDeadlineNanos from when returning {@code firstToken} counts as an error
     *                              ({@link Long#MAX_VALUE}: never)
     */
    ContentionCaller(TokenCall call, String firstToken, long pauseNanos, long oldTokenDeadlineNanos,
            CountDownLatch go) {
        this.call = call;
        this.firstToken = firstToken;
        this.pauseNanos = pauseNanos;
        this.oldTokenDeadlineNanos = oldTokenDeadlineNanos;
        this.go = go;
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        while (!stopped) {
            long start = System.nanoTime();
            String token;
            try {
                token = call.token();
            } catch (Exception e) {
                token = null;
                errors++;
            }
            long end = System.nanoTime();
            calls++;
            if (token != null) {
                boolean old = token.endsWith(firstToken);
                if (!old && firstNewStart < 0) {
                    firstNewStart = start;
                    firstNewEnd = end;
                } else if (old && start > oldTokenDeadlineNanos) {
                    oldTokenAfterDeadline++;
                }
            }
            if (end - start >= SLOW_NANOS && slowCalls < MAX_SLOW_CALLS) {
                slowStart[slowCalls] = start;
                slowEnd[slowCalls] = end;
                slowCalls++;
            }
            if (pauseNanos > 0) {
                LockSupport.parkNanos(pauseNanos);
            }
        }
    }

    /** Returns the longest call that overlapped {@code [from, to]}, or 0 if none was slow. */
    long longestCallDuring(long from, long to) {
        long longest = 0;
        for (int i = 0; i < slowCalls; i++) {
            if (slowStart[i] <= to && slowEnd[i] >= from) {
                longest = Math.max(longest, slowEnd[i] - slowStart[i]);
            }
        }
        return longest;
    }

    /** Returns the longest call that did not overlap {@code [from, to]}: scheduling noise. */
    long longestCallOutside(long from, long to) {
        long longest = 0;
        for (int i = 0; i < slowCalls; i++) {
            if (slowStart[i] > to || slowEnd[i] < from) {
                longest = Math.max(longest, slowEnd[i] - slowStart[i]);
            }
        }
        return longest;
    }
}
