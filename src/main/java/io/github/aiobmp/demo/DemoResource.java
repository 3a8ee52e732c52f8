package io.github.aiobmp.demo;

import java.io.InputStream;

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

import io.github.aiobmp.auth.AiobException;
import io.github.aiobmp.auth.AiobTokenProvider;
import io.github.aiobmp.auth.CauseChain;

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

    /**
     * Checks the body, sends AIOB's realtime-call request, and returns AIOB's answer unchanged when
     * it succeeded. A body that is not a valid call is answered 400 before anything goes to AIOB;
     * the component's failures are answered by {@link io.github.aiobmp.auth.AiobExceptionMapper}.
     */
    @POST
    @Path("realtime-call")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response realtimeCall(InputStream body) {
        RealtimeCallRequest request;
        try {
            request = RealtimeCallRequest.read(body);
        } catch (RealtimeCallRequest.InvalidRequestException e) {
            return ErrorBody.response(Response.Status.BAD_REQUEST, "Invalid realtime call", e.getMessage());
        }
        String answer;
        try {
            answer = realtimeCalls.create(request);
        } catch (RuntimeException e) {
            if (CauseChain.find(e, AiobException.class).isPresent()) {
                throw e;
            }
            return UpstreamErrors.from(e);
        }
        AiobEnvelope envelope;
        try {
            envelope = jsonb.fromJson(answer, AiobEnvelope.class);
        } catch (JsonbException e) {
            return UpstreamErrors.garbage("the body could not be read as JSON");
        }
        if (envelope == null || envelope.code() == null) {
            return UpstreamErrors.garbage("the body has no 'code'");
        }
        if (envelope.code() != 200) {
            return UpstreamErrors.fromEnvelope(envelope);
        }
        return Response.ok(answer, MediaType.APPLICATION_JSON_TYPE).build();
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
