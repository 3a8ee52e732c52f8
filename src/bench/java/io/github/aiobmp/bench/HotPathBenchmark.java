package io.github.aiobmp.bench;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import com.google.auth.oauth2.OAuth2Credentials;

import io.github.aiobmp.auth.AiobAuthFilter;
import io.github.aiobmp.auth.FakeRequestContext;
import io.github.aiobmp.auth.FakeResponseContext;
import io.github.aiobmp.auth.internal.cache.TokenCache;

import software.amazon.awssdk.utils.cache.CachedSupplier;

/**
 * Getting a cached, fresh token: a plain volatile read (the floor), our {@link TokenCache} and
 * {@link AiobAuthFilter}, AWS SDK v2's CachedSupplier and google-auth-library's
 * OAuth2Credentials; and, for reference, the two clock reads they make. One holder is shared by
 * all benchmark threads, as in a server; each thread has its own request. Run by
 * {@link HotPath1Thread} and {@link HotPath2Threads}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public abstract class HotPathBenchmark {

    private static final String TOKEN = "cc-api-auth-v2/0123456789abcdef0123456789abcdef";

    private final Clock clock = Clock.systemUTC();
    private volatile String floorToken;
    private TokenCache ours;
    private TokenCache oursShared;
    private Runnable closeShared;
    private AiobAuthFilter oursFilter;
    private CachedSupplier<String> aws;
    private OAuth2Credentials google;
    private URI googleUri;

    /** Each benchmark thread's own request, as each server thread has its own. */
    @State(Scope.Thread)
    public static class Request {

        final FakeRequestContext context = new FakeRequestContext(Ours.AIOB_URL.resolve("/aiob-simulator/x"));
        final FakeResponseContext response = FakeResponseContext.json(200, FakeResponseContext.REALTIME_CALL_ANSWER);
    }

    @Setup
    public void setUp() {
        floorToken = TOKEN;
        ours = Ours.freshCache(TOKEN);
        Ours.SharedCache shared = Ours.freshSharedCache(TOKEN);
        oursShared = shared.cache();
        closeShared = shared.close();
        oursFilter = Ours.freshFilter(TOKEN);
        aws = Peers.freshAws(TOKEN);
        google = Peers.freshGoogle(TOKEN);
        googleUri = URI.create("https://aiob.example/api");
    }

    @TearDown
    public void tearDown() {
        aws.close();
        closeShared.run();
    }

    /** The floor: what no cache can beat. */
    @Benchmark
    public String volatileRead() {
        return floorToken;
    }

    /** Reference point: the clock read our cache (and AWS's, twice) makes on each call. */
    @Benchmark
    public long clockInstant() {
        Instant now = clock.instant();
        return now.getEpochSecond() + now.getNano();
    }

    /** Reference point: the clock read Google's cache makes on each call. */
    @Benchmark
    public long currentTimeMillis() {
        return System.currentTimeMillis();
    }

    @Benchmark
    public String oursTokenCache() {
        return ours.token();
    }

    /** The same, on a cache that shares its token through the JCache store (a Hazelcast member). */
    @Benchmark
    public String oursTokenCacheSharedStore() {
        return oursShared.token();
    }

    /** The whole filter: destination check, token, header. */
    @Benchmark
    public Object oursFilter(Request request) {
        oursFilter.filter(request.context);
        return request.context.lastHeaderValue();
    }

    /**
     * Both halves of the filter around one call: the request half as above, then the response
     * half peeking at the answer's {@code code} (a small JSON envelope) for a token rejection.
     */
    @Benchmark
    public Object oursFilterRoundTrip(Request request) throws IOException {
        oursFilter.filter(request.context);
        FakeResponseContext response = request.response.next();
        oursFilter.filter(request.context, response);
        return response.getEntityStream();
    }

    @Benchmark
    public String awsCachedSupplier() {
        return aws.get();
    }

    /** What Google's HTTP and gRPC adapters call per request. */
    @Benchmark
    public String googleRequestMetadata() throws IOException {
        return Peers.googleAuthorization(google, googleUri);
    }
}
