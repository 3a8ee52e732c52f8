package io.github.aiobmp.bench;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.OAuth2Credentials;

import software.amazon.awssdk.utils.cache.CachedSupplier;
import software.amazon.awssdk.utils.cache.NonBlocking;
import software.amazon.awssdk.utils.cache.OneCallerBlocks;
import software.amazon.awssdk.utils.cache.RefreshResult;

/**
 * The token caches ours is compared with, built the way their users build them: AWS SDK v2's
 * {@link CachedSupplier} and google-auth-library's {@link OAuth2Credentials}.
 */
final class Peers {

    private static final Duration THIRTY_DAYS = Duration.ofDays(30);
    /** AWS's credential providers prefetch a few minutes before the stale time. */
    private static final Duration AWS_PREFETCH_AHEAD = Duration.ofMinutes(5);

    private Peers() {
    }

    /** A CachedSupplier holding {@code token} for 30 days, as an AWS credentials provider would. */
    static CachedSupplier<String> freshAws(String token) {
        Instant staleTime = Instant.now().plus(THIRTY_DAYS);
        CachedSupplier<String> supplier = CachedSupplier.builder(() -> RefreshResult.builder(token)
                .staleTime(staleTime).prefetchTime(staleTime.minus(AWS_PREFETCH_AHEAD)).build())
                .cachedValueName("bench").build();
        supplier.get();
        return supplier;
    }

    /** OAuth2Credentials holding {@code token} for 30 days. */
    static OAuth2Credentials freshGoogle(String token) {
        return OAuth2Credentials.create(new AccessToken(token, Date.from(Instant.now().plus(THIRTY_DAYS))));
    }

    /**
     * What Google's own HTTP and gRPC adapters call on every request: the {@code Authorization}
     * value of {@link OAuth2Credentials#getRequestMetadata(URI)}, refreshed first if due.
     */
    static String googleAuthorization(OAuth2Credentials credentials, URI uri) throws IOException {
        Map<String, List<String>> metadata = credentials.getRequestMetadata(uri);
        return metadata.get("Authorization").get(0);
    }

    /**
     * A CachedSupplier over {@code source}: stale (every caller waits for one refresh) at the
     * token's expiry, prefetched {@code prefetchAhead} before it (none when zero), on the caller's
     * thread ({@code nonBlocking} false: {@link OneCallerBlocks}, the default) or in the background
     * ({@link NonBlocking}).
     */
    static CachedSupplier<String> slowAws(SlowTokenSource source, Duration prefetchAhead, boolean nonBlocking) {
        CachedSupplier.Builder<String> builder = CachedSupplier.builder(() -> {
            SlowTokenSource.Grant grant = source.fetch();
            RefreshResult.Builder<String> result = RefreshResult.builder(grant.value()).staleTime(grant.expiresAt());
            if (!prefetchAhead.isZero()) {
                result.prefetchTime(grant.expiresAt().minus(prefetchAhead));
            }
            return result.build();
        }).cachedValueName("contention");
        builder.prefetchStrategy(nonBlocking ? new NonBlocking("contention") : new OneCallerBlocks());
        return builder.build();
    }

    /** OAuth2Credentials over {@code source}, refreshed {@code refreshAhead} before expiry (none when zero). */
    static OAuth2Credentials slowGoogle(SlowTokenSource source, Duration refreshAhead) {
        return new SlowOAuth2Credentials(source, refreshAhead);
    }

    /** Subclassing with a {@code refreshAccessToken} is how google-auth-library takes a token source. */
    private static final class SlowOAuth2Credentials extends OAuth2Credentials {

        private static final long serialVersionUID = 1L;

        private final transient SlowTokenSource source;

        SlowOAuth2Credentials(SlowTokenSource source, Duration refreshAhead) {
            super(null, refreshAhead, Duration.ZERO);
            this.source = source;
        }

        @Override
        public AccessToken refreshAccessToken() {
            SlowTokenSource.Grant grant = source.fetch();
            return new AccessToken(grant.value(), Date.from(grant.expiresAt()));
        }
    }
}
