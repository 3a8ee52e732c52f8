package io.github.aiobmp.simulator;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/** Simulates {@code POST /api/v3/console/realtime/status/create}, which places one outbound call. No phone rings. */
@RequestScoped
@Path(RealtimeCallResource.PATH)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class RealtimeCallResource {

    static final String PATH = "/api/v3/console/realtime/status/create";

    @Inject
    private AiobSimulator simulator;

    /**
     * Checks the token first, then the body: a body that is not one JSON object
     * ({@link StrictJson}), or a missing or invalid field, gets HTTP 200 with code 400; a valid call
     * gets a new {@code memberId}.
     */
    @POST
    public Response create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        return simulator.screenApiCall(HttpMethod.POST, PATH, authorization)
                .orElseGet(() -> answer(body));
    }

    private static Response answer(byte[] body) {
        Optional<String> problem;
        try {
            problem = body.length == 0 ? Optional.of("request body is required")
                    : JsonBodies.bind(body, RealtimeCallRequest.class).problem();
        } catch (IllegalArgumentException e) {
            problem = Optional.of(e.getMessage());
        }
        return problem.map(AiobResponses::invalidInput)
                .orElseGet(() -> AiobResponses.ok(RealtimeCallEnvelope.placed()));
    }
}
