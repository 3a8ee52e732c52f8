package io.github.aiobmp.bench.e2e;

import java.util.function.Supplier;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * A request and response filter that does the least a token filter can: sets a token obtained
 * once and looks at the status. It sits where {@link io.github.aiobmp.auth.AiobAuthFilter} sits, so
 * the route through it shows what the Rest Client's filter chain itself costs, apart from ours.
 */
final class MinimalFilter implements ClientRequestFilter, ClientResponseFilter {

    private final Supplier<String> token;

    MinimalFilter(Supplier<String> token) {
        this.token = token;
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, token.get());
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        if (response.getStatus() == 401) {
            request.setProperty("rejected", Boolean.TRUE);
        }
    }
}
