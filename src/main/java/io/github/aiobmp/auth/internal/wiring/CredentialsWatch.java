package io.github.aiobmp.auth.internal.wiring;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.Config;

import io.github.aiobmp.auth.AiobConfigurationException;
import io.github.aiobmp.auth.internal.cache.Scheduler;
import io.github.aiobmp.auth.internal.cache.TokenCache;
import io.github.aiobmp.auth.internal.secret.Fingerprint;
import io.github.aiobmp.auth.internal.settings.AiobSettings;

/**
 * Reads the credentials for every getToken request, and re-reads them on a timer: once they differ
 * from those of the last request, the token and any remembered failure are dropped, so that the
 * next call authenticates with the new keys.
 */
final class CredentialsWatch {

    private static final Logger LOG = Logger.getLogger(CredentialsWatch.class.getName());

    private final Config config;
    /** The credentials of the latest getToken request, to notice when they are rotated. */
    private volatile AiobSettings.Credentials lastUsed;
    /** The next check. Guarded by this. */
    private Future<?> check;
    /** Guarded by this. */
    private boolean stopped;

    CredentialsWatch(Config config) {
        this.config = config;
    }

    /** Returns the configured credentials, and remembers them as those in use. */
    AiobSettings.Credentials credentialsForNextRequest() {
        AiobSettings.Credentials current = AiobSettings.credentials(config);
        lastUsed = current;
        return current;
    }

    /** Checks every {@code interval} from now on; zero turns the check off. */
    void start(TokenCache cache, Scheduler scheduler, Duration interval) {
        if (!interval.isZero()) {
            schedule(cache, scheduler, interval);
        }
    }

    void stop() {
        synchronized (this) {
            stopped = true;
            if (check != null) {
                check.cancel(false);
            }
        }
    }

    /** One check, then the next, whatever the check did: a Scheduler runs a task once. */
    private void schedule(TokenCache cache, Scheduler scheduler, Duration interval) {
        synchronized (this) {
            if (stopped) {
                return;
            }
            try {
                check = scheduler.schedule(() -> {
                    try {
                        checkOnce(cache);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "Re-reading the AIOB credentials failed ({0}); trying again in {1} ms",
                                new Object[] {e.getClass().getName(), interval.toMillis()});
                    } finally {
                        schedule(cache, scheduler, interval);
                    }
                }, interval);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.log(Level.FINE, "No timer for the credentials check: the application is stopping", e);
            }
        }
    }

    private void checkOnce(TokenCache cache) {
        AiobSettings.Credentials used = lastUsed;
        synchronized (this) {
            if (used == null || stopped) {
                return;
            }
        }
        AiobSettings.Credentials configured;
        try {
            configured = AiobSettings.credentials(config);
        } catch (AiobConfigurationException e) {
            return; // removed: keep the token; the next getToken reports the missing keys
        }
        if (!configured.equals(used)) {
            lastUsed = null;
            cache.reset();
            LOG.log(Level.WARNING, "The AIOB credentials changed (access key {0} to {1}): dropped the token of"
                    + " the old ones; the next call authenticates with the new ones",
                    new Object[] {Fingerprint.of(used.accessKey()), Fingerprint.of(configured.accessKey())});
        }
    }
}
