package io.github.aiobmp.auth.internal.destination;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.github.aiobmp.auth.AiobConfigKeys;

/**
 * Where the token may go: {@code aiob.url}'s scheme, host and port, plus the hosts listed in
 * {@code aiob.allowed-hosts}; and never over plain HTTP to a host that is not loopback unless
 * {@code aiob.allow-plain-http} says so.
 */
public final class TokenDestinations {

    /** What the filter does with a request. */
    public enum Verdict {
        /** Attach the token. */
        ATTACH,
        /** Not an AIOB destination: leave the request alone. */
        SKIP,
        /** An AIOB host over plain HTTP: fail the request rather than send it without or with the token. */
        REFUSE_PLAIN_HTTP
    }

    private final AiobDestination aiob;
    private final List<AllowedHost> allowed;
    private final boolean allowPlainHttp;

    public TokenDestinations(AiobDestination aiob, List<AllowedHost> allowed, boolean allowPlainHttp) {
        this.aiob = Objects.requireNonNull(aiob, "aiob");
        this.allowed = List.copyOf(allowed);
        this.allowPlainHttp = allowPlainHttp;
    }

    /** Decides from the URI's parsed parts without allocating: it runs on every request. */
    public Verdict verdict(URI uri) {
        String host = uri.getHost();
        if (host == null || !(host.equalsIgnoreCase(aiob.host()) || isAllowedHost(host))) {
            return Verdict.SKIP;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        boolean secure = scheme.equalsIgnoreCase("https") || AiobDestination.isLoopback(host);
        if (!secure && !allowPlainHttp) {
            return Verdict.REFUSE_PLAIN_HTTP;
        }
        int port = AiobDestination.effectivePort(scheme.toLowerCase(Locale.ROOT), uri.getPort());
        if (scheme.equalsIgnoreCase(aiob.scheme()) && host.equalsIgnoreCase(aiob.host()) && port == aiob.port()) {
            return Verdict.ATTACH;
        }
        for (AllowedHost entry : allowed) {
            if (entry.matches(host, scheme, port)) {
                return Verdict.ATTACH;
            }
        }
        return Verdict.SKIP;
    }

    /** Says where tokens may go, e.g. {@code aiob.url https://aiob-open.baidu.com:443; aiob.allowed-hosts none}. */
    public String describe() {
        String hosts = allowed.isEmpty() ? "none" : String.join(", ", allowed.stream()
                .map(entry -> entry.port() == -1 ? entry.host() : entry.host() + ":" + entry.port()).toList());
        return AiobConfigKeys.URL + " " + aiob.scheme() + "://" + aiob.host() + ":" + aiob.port() + "; "
                + AiobConfigKeys.ALLOWED_HOSTS + " " + hosts;
    }

    private boolean isAllowedHost(String host) {
        for (AllowedHost entry : allowed) {
            if (entry.host().equalsIgnoreCase(host)) {
                return true;
            }
        }
        return false;
    }

    /**
     * One entry of {@code aiob.allowed-hosts}: {@code host} or {@code host:port}.
     *
     * @param port the port, or -1 for the scheme's default (443 for https)
     */
    public record AllowedHost(String host, int port) {

        /**
         * Parses {@code host}, {@code host:port} or {@code [ipv6]:port}.
         *
         * @throws IllegalArgumentException when it is neither
         */
        public static AllowedHost parse(String entry) {
            URI uri;
            try {
                uri = new URI("https://" + entry.strip());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(entry);
            }
            if (uri.getHost() == null || uri.getRawPath() == null || !uri.getRawPath().isEmpty()
                    || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException(entry);
            }
            return new AllowedHost(uri.getHost().toLowerCase(Locale.ROOT), uri.getPort());
        }

        boolean matches(String requestHost, String requestScheme, int requestPort) {
            return host.equalsIgnoreCase(requestHost)
                    && AiobDestination.effectivePort(requestScheme.toLowerCase(Locale.ROOT), port) == requestPort;
        }
    }
}
