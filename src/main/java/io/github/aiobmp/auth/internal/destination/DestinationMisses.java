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

    /**
     * Logs the miss the first time this client calls this origin.
     *
     * @param client the rest client interface, or a stand-in for a plain JAX-RS client
     * @param call   what was called, e.g. {@code AiobClient.robots} or the HTTP method: never the
     *               path or the query, which may carry data
     */
    public void noTokenFor(String client, String call, URI uri) {
        String origin = origin(uri);
        String key = client + " " + origin;
        if (full.get() || seen.contains(key)) {
            return;
        }
        if (seen.size() >= REMEMBERED) {
            if (full.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "AiobAuthFilter has reported {0} clients and origins that got no token;"
                        + " further ones are not reported", REMEMBERED);
            }
            return;
        }
        if (!seen.add(key)) {
            return;
        }
        boolean clear = !"https".equalsIgnoreCase(uri.getScheme()) && !AiobDestination.isLoopback(host(uri));
        LOG.log(Level.WARNING, "AiobAuthFilter attached no AIOB token to {0} on {1}: it is not where tokens may go"
                + " ({2}). If this client calls AIOB, derive its URL from aiob.url ({3}/mp-rest/url="
                + "$'{'aiob.url'}'), or add {4} to aiob.allowed-hosts{5}; otherwise remove the filter from it."
                + " Said once per client and origin", new Object[] {call, origin, destinations, "<configKey>",
                        hostAndPort(uri), clear ? " (and call it over https: tokens do not go over plain HTTP"
                                + " to a host that is not loopback)" : ""});
    }

    /** Scheme, host and port: never the path's parameters or the query, which may carry data. */
    private static String origin(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme + "://" + hostAndPort(uri);
    }

    private static String hostAndPort(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return host(uri) + ":" + AiobDestination.effectivePort(scheme, uri.getPort());
    }

    private static String host(URI uri) {
        return uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    }
}
