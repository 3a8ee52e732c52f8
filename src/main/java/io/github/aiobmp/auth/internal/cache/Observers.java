package io.github.aiobmp.auth.internal.cache;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Calls to {@code TokenEvents}: they are for observers, and whatever one throws must not break serving tokens. */
public final class Observers {

    private static final Logger LOG = Logger.getLogger(Observers.class.getName());

    private Observers() {
    }

    /** Runs {@code event}, logging at FINE and otherwise ignoring what it throws. */
    public static void report(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "A TokenEvents observer failed", e);
        }
    }
}
