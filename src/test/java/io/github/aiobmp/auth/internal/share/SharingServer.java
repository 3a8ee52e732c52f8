package io.github.aiobmp.auth.internal.share;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.cache.CacheManager;

import io.github.aiobmp.auth.AiobConfigKeys;
import io.github.aiobmp.auth.TokenEvents;
import io.github.aiobmp.auth.TokenStoreState;
import io.github.aiobmp.auth.internal.cache.Scheduler;
import io.github.aiobmp.auth.internal.cache.TokenCache;
import io.github.aiobmp.auth.internal.settings.AiobSettings;
import io.github.aiobmp.auth.internal.settings.StubConfig;
import io.github.aiobmp.auth.internal.wiring.Wiring;
import io.github.aiobmp.cluster.JCacheTokenStore;

/**
 * One server of a test cluster: the component's cache, sharing its token through a JCache store
 * on a real Hazelcast member (or client), with its own threads; getToken is the cluster's
 * {@link SharedAiob}. Built from configuration keys, as a deployed server is.
 */
final class SharingServer implements AutoCloseable {

    /** Names the account in the store; nothing is sent to it. */
    static final URI URL = URI.create("https://aiob.test");
    static final AiobSettings.Credentials KEYS = new AiobSettings.Credentials("test-access-key-7f3a",
            "test-secret-key-91c2");
    /** While degraded, how often the store is tried again: short, so tests see recovery. */
    static final Duration RETRY_DEGRADED_EVERY = Duration.ofMillis(300);

    private final ExecutorService executor = Executors.newCachedThreadPool(daemon());
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon());
    private final StoreSwitch store;
    private final CountingEvents events = new CountingEvents();
    private final TokenSharing sharing;
    private final Wiring wiring;

    private SharingServer(Builder builder) {
        Map<String, String> config = new HashMap<>(Map.of(AiobConfigKeys.URL, URL.toString(),
                AiobConfigKeys.TOKEN_STORE, "jcache", AiobConfigKeys.REFRESH_JITTER, "0s"));
        config.putAll(builder.config);
        AiobSettings settings = AiobSettings.from(new StubConfig(config));
        AiobSettings.Store shared = settings.store();
        store = new StoreSwitch(new JCacheTokenStore(builder.manager, "grants-" + builder.caches,
                "leases-" + builder.caches, shared.lease(), () -> { }));
        if (builder.refuseListeners) {
            store.refuseListeners();
        }
        CountDownLatch opens = builder.opens;
        BoundedTokenStore bounded = new BoundedTokenStore(() -> opened(opens), executor, shared.timeout(),
                shared.openTimeout(), builder.retryDegradedEvery, Clock.systemUTC(), events);
        bounded.open();
        Supplier<AiobSettings.Credentials> keys = builder.keys;
        Scheduler scheduler = (task, delay) -> timers.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        sharing = new TokenSharing(bounded, builder.aiob, settings, keys, scheduler, Clock.systemUTC(), events);
        wiring = Wiring.shared(settings, sharing, executor, scheduler, events);
    }

    /** Opens the store once {@code opens} is released: a member starting, a client connecting. */
    private StoreSwitch opened(CountDownLatch opens) {
        try {
            if (!opens.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the store open");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return store;
    }

    static Builder on(CacheManager manager, String caches, SharedAiob aiob) {
        return new Builder(manager, caches, aiob);
    }

    TokenCache cache() {
        return wiring.cache();
    }

    StoreSwitch store() {
        return store;
    }

    /** {@return what this server's sharing reported} */
    CountingEvents events() {
        return events;
    }

    /** {@return this server's name in leases and grants} */
    String id() {
        return sharing.server();
    }

    boolean storeConnected() {
        return wiring.storeState() == TokenStoreState.CONNECTED;
    }

    TokenStoreState storeState() {
        return wiring.storeState();
    }

    /** A token as the application gets one: none while this server yields. */
    String token() {
        return wiring.token();
    }

    Wiring wiring() {
        return wiring;
    }

    @Override
    public void close() {
        wiring.close();
        executor.shutdownNow();
        timers.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return task -> {
            Thread thread = new Thread(task, "sharing-server");
            thread.setDaemon(true);
            return thread;
        };
    }

    static final class Builder {

        private final CacheManager manager;
        private final String caches;
        private final SharedAiob aiob;
        private final Map<String, String> config = new HashMap<>();
        private Supplier<AiobSettings.Credentials> keys = () -> KEYS;
        private Duration retryDegradedEvery = RETRY_DEGRADED_EVERY;
        private boolean refuseListeners;
        private CountDownLatch opens = new CountDownLatch(0);

        private Builder(CacheManager manager, String caches, SharedAiob aiob) {
            this.manager = manager;
            this.caches = caches;
            this.aiob = aiob;
        }

        /** Sets one configuration key, as {@code server.env} or {@code microprofile-config.properties} would. */
        Builder with(String key, String value) {
            config.put(key, value);
            return this;
        }

        Builder keys(AiobSettings.Credentials keys) {
            return keysFrom(() -> keys);
        }

        /** Reads the credentials from {@code keys} at every fetch: a rotation. */
        Builder keysFrom(Supplier<AiobSettings.Credentials> keys) {
            this.keys = keys;
            return this;
        }

        /** While degraded, the store is tried again this often: the production value is 5 s. */
        Builder retryDegradedEvery(Duration every) {
            this.retryDegradedEvery = every;
            return this;
        }

        Builder refuseListeners() {
            this.refuseListeners = true;
            return this;
        }

        /** The store opens only once {@code opens} is released. */
        Builder opensWhen(CountDownLatch opens) {
            this.opens = opens;
            return this;
        }

        SharingServer start() {
            return new SharingServer(this);
        }
    }
}
