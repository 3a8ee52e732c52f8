package io.github.aiobmp.auth.internal.destination;

import java.net.URI;
import java.util.Locale;

/** A scheme, host and effective port, such as {@code aiob.url}'s: what decides where a token may go. */
public record AiobDestination(String scheme, String host, int port) {

    public static AiobDestination of(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return new AiobDestination(scheme, host, effectivePort(scheme, uri.getPort()));
    }

    /** Returns whether traffic to this destination cannot be read on the network: https, or a loopback host. */
    public boolean isPrivate() {
        return scheme.equals("https") || isLoopback(host);
    }

    /** Recognises loopback hosts by name only: resolving names here would be slow and could be spoofed. */
    public static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return bare.equalsIgnoreCase("localhost") || bare.equals("::1") || bare.equals("0:0:0:0:0:0:0:1")
                || bare.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    public static int effectivePort(String scheme, int port) {
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
