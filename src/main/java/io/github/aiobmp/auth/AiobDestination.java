package io.github.aiobmp.auth;

import java.net.URI;
import java.util.Locale;

/** The scheme, host and effective port of {@code aiob.url}: the only place tokens are sent. */
record AiobDestination(String scheme, String host, int port) {

    static AiobDestination of(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return new AiobDestination(scheme, host, effectivePort(scheme, uri.getPort()));
    }

    /** Returns whether {@code uri} goes to this scheme, host and port. */
    boolean matches(URI uri) {
        return equals(of(uri));
    }

    private static int effectivePort(String scheme, int port) {
        if (port != -1) {
            return port;
        }
        return switch (scheme) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
        };
    }
}
