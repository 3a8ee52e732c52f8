package io.github.aiobmp.it;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.annotation.Priority;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.spi.RestClientBuilderListener;

/**
 * Records the URI of every rest client request and answers it itself with an AIOB-like success,
 * before any other filter runs: nothing is sent, no host is resolved. Added to every client of the
 * application as a {@link RestClientBuilderListener}, so that the client's own configuration stays
 * exactly as a user writes it.
 */
@Priority(1)
public class RecordingAbortFilter implements ClientRequestFilter, RestClientBuilderListener {

    static final List<URI> REQUESTED = new CopyOnWriteArrayList<>();

    @Override
    public void onNewBuilder(RestClientBuilder builder) {
        builder.register(this, 1);
    }

    @Override
    public void filter(ClientRequestContext request) {
        REQUESTED.add(request.getUri());
        request.abortWith(Response.ok("{\"code\":200,\"msg\":\"recorded, not sent\"}", MediaType.APPLICATION_JSON_TYPE)
                .build());
    }
}
