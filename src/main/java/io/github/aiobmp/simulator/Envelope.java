package io.github.aiobmp.simulator;

/**
 * An AIOB answer without {@code data}: every error, and the {@link Malformation#MISSING_DATA} answer.
 *
 * @param time epoch milliseconds when the answer was made
 * @param code 200 for success, anything else for an error
 * @param msg  {@code OK}, or what went wrong
 */
public record Envelope(long time, int code, String msg) {

    static Envelope of(int code, String msg) {
        return new Envelope(System.currentTimeMillis(), code, msg);
    }
}
