package io.github.aiobmp.auth.internal.destination;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.aiobmp.auth.AiobAuthFilter;

/**
 * Says, once per client and origin, that a client with {@link AiobAuthFilter} called somewhere
 * that is not an AIOB destination, so got no token: the one mistake that would otherwise show only
 * as the callee's HTTP 401. Remembers at most {@value #REMEMBERED} pairs, so that a client calling
 * many hosts cannot grow it without bound.
 */
public final class DestinationMisses {

    static final int REMEMBERED = 100;
    private static final Logger LOG = Logger.getLogger(AiobAuthFilter.class.getName());

    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean full = new AtomicBoolean();
    private final String destinations;

    /** @param destinations what may receive the token, as the message shows it */
    public DestinationMisses(String destinations) {
        this.destinations = destinations;
    }

    /** Logs the miss the first time this client calls this origin. */
    public void noTokenFor(String client, String method, URI uri) {
        String origin = origin(uri);
        if (seen.contains(client + " " + origin)) {
            return;
        }
        if (seen.size() >= REMEMBERED) {
            if (full.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "AiobAuthFilter has reported {0} clients and origins that got no token;"
                        + " further ones are not reported", REMEMBERED);
            }
            return;
        }
        if (!seen.add(client + " " + origin)) {
            return;
        }
        LOG.log(Level.WARNING, "AiobAuthFilter attached no AIOB token to {0} {1} from {2}: {3} is not where tokens"
                + " may go ({4}). If this client calls AIOB, derive its URL from aiob.url ({5}/mp-rest/url="
                + "$'{'aiob.url'}'), or add {6} to aiob.allowed-hosts; otherwise remove the filter from it."
                + " Said once per client and origin", new Object[] {method, uri.getRawPath(), client, origin,
                        destinations, "<configKey>", hostAndPort(uri)});
    }

    /** Scheme, host and port: never the path's parameters or the query, which may carry data. */
    private static String origin(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme + "://" + hostAndPort(uri);
    }

    private static String hostAndPort(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return host + ":" + AiobDestination.effectivePort(scheme, uri.getPort());
    }
}
