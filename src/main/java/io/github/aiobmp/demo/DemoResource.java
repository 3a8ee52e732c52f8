package io.github.aiobmp.demo;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.github.aiobmp.auth.AiobTokenProvider;

/** The demo's endpoints: place a realtime call through the filtered client, and show the token's status. */
@ApplicationScoped
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class DemoResource {

    private final Jsonb jsonb = JsonbBuilder.create();

    @Inject
    @RestClient
    RealtimeCallClient realtimeCalls;

    @Inject
    AiobTokenProvider tokens;

    /** Sends AIOB's realtime-call request and returns AIOB's answer unchanged when it succeeded. */
    @POST
    @Path("realtime-call")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response realtimeCall(RealtimeCallRequest request) {
        String body;
        try {
            body = realtimeCalls.create(request);
        } catch (RuntimeException e) {
            return UpstreamErrors.from(e);
        }
        AiobEnvelope envelope;
        try {
            envelope = jsonb.fromJson(body, AiobEnvelope.class);
        } catch (JsonbException e) {
            return UpstreamErrors.garbage("the body could not be read as JSON");
        }
        if (envelope == null || envelope.code() == null) {
            return UpstreamErrors.garbage("the body has no 'code'");
        }
        if (envelope.code() != 200) {
            return UpstreamErrors.fromEnvelope(envelope);
        }
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** Returns the cached token's state, expiry and fingerprint; never fetches a token. */
    @GET
    @Path("token")
    public TokenView token() {
        return TokenView.of(tokens.status());
    }

    @PreDestroy
    void close() {
        try {
            jsonb.close();
        } catch (Exception e) {
            // nothing is left to release: closing only drops Yasson's caches
        }
    }
}
