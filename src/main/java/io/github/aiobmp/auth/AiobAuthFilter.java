package io.github.aiobmp.auth;

import java.util.Objects;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Adds {@code Authorization: <token>} (the raw token, no {@code Bearer}) to requests bound for
 * {@code aiob.url}'s scheme, host and port, and leaves requests to anywhere else untouched.
 *
 * <p>Register it on your AIOB rest client with {@code @RegisterProvider(AiobAuthFilter.class)},
 * with {@code <configKey>/mp-rest/providers}, or with {@code RestClientBuilder.register(…)}.
 */
@Priority(Priorities.AUTHENTICATION)
public class AiobAuthFilter implements ClientRequestFilter {

    private final AiobTokenProvider tokens;

    /** Used when the filter is registered by class: finds the application's token holder through CDI. */
    public AiobAuthFilter() {
        this(lookupProvider());
    }

    /** Uses the given token holder. */
    public AiobAuthFilter(AiobTokenProvider tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    @Override
    public void filter(ClientRequestContext request) {
        if (tokens.isAiobDestination(request.getUri())) {
            request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, tokens.token());
        }
    }

    private static AiobTokenProvider lookupProvider() {
        try {
            // A client proxy: cheap to get here, resolved to the bean on each call.
            return CDI.current().select(AiobTokenProvider.class).get();
        } catch (IllegalStateException e) {
            throw new AiobConfigurationException("AiobAuthFilter found no CDI container to get the AiobTokenProvider"
                    + " from; outside CDI, register new AiobAuthFilter(provider)");
        }
    }
}
