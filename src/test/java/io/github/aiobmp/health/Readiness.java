package io.github.aiobmp.health;

import java.lang.reflect.Constructor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.github.aiobmp.auth.AiobTokenProvider;
import io.github.aiobmp.auth.internal.wiring.Wiring;

/**
 * The readiness check of a server built in a unit test, outside CDI and without a MicroProfile
 * Health runtime: answers are built as the API's own response type.
 */
public final class Readiness {

    static {
        HealthCheckResponse.setResponseProvider(Builder::new);
    }

    private Readiness() {
    }

    /** {@return what the readiness check of a server made of {@code wiring} answers now} */
    public static HealthCheckResponse of(Wiring wiring) {
        AiobTokenReadinessCheck check = new AiobTokenReadinessCheck();
        try {
            // Package-private: the provider is built by CDI, or by tests of its own package.
            Constructor<AiobTokenProvider> provider = AiobTokenProvider.class.getDeclaredConstructor(Wiring.class);
            provider.setAccessible(true);
            check.tokens = provider.newInstance(wiring);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return check.call();
    }

    private static final class Builder extends HealthCheckResponseBuilder {

        private String name;
        private HealthCheckResponse.Status status = HealthCheckResponse.Status.DOWN;
        private final Map<String, Object> data = new LinkedHashMap<>();

        @Override
        public HealthCheckResponseBuilder name(String name) {
            this.name = name;
            return this;
        }

        @Override
        public HealthCheckResponseBuilder withData(String key, String value) {
            return put(key, value);
        }

        @Override
        public HealthCheckResponseBuilder withData(String key, long value) {
            return put(key, value);
        }

        @Override
        public HealthCheckResponseBuilder withData(String key, boolean value) {
            return put(key, value);
        }

        private HealthCheckResponseBuilder put(String key, Object value) {
            data.put(key, value);
            return this;
        }

        @Override
        public HealthCheckResponseBuilder up() {
            return status(true);
        }

        @Override
        public HealthCheckResponseBuilder down() {
            return status(false);
        }

        @Override
        public HealthCheckResponseBuilder status(boolean up) {
            status = up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN;
            return this;
        }

        @Override
        public HealthCheckResponse build() {
            return new HealthCheckResponse(name, status, Optional.of(Map.copyOf(data)));
        }
    }
}
