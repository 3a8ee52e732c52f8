package io.github.aiobmp.simulator;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The faults queued for the next getToken answers: first the failures, then the malformations.
 * Queuing replaces what was pending of the same kind. Thread-safe.
 */
final class TokenFaults {

    private int failuresLeft;
    private int failureStatus;
    private int malformationsLeft;
    private Malformation malformation;

    synchronized void fail(int count, int httpStatus) {
        failuresLeft = count;
        failureStatus = httpStatus;
    }

    synchronized void malform(int count, Malformation kind) {
        malformationsLeft = count;
        malformation = kind;
    }

    /** Uses up one pending failure and returns its HTTP status, or empty when none is pending. */
    synchronized OptionalInt takeFailure() {
        if (failuresLeft == 0) {
            return OptionalInt.empty();
        }
        failuresLeft--;
        return OptionalInt.of(failureStatus);
    }

    /** Uses up one pending malformation, or returns empty when none is pending. */
    synchronized Optional<Malformation> takeMalformation() {
        if (malformationsLeft == 0) {
            return Optional.empty();
        }
        malformationsLeft--;
        return Optional.of(malformation);
    }

    synchronized void clear() {
        failuresLeft = 0;
        malformationsLeft = 0;
    }
}
