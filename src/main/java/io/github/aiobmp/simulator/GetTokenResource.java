package io.github.aiobmp.simulator;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Simulates {@code POST /api/v2/getToken}, which exchanges an Access Key / Secret Key pair for a token. */
@RequestScoped
@Path(GetTokenResource.PATH)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class GetTokenResource {

    static final String PATH = "/api/v2/getToken";

    @Inject
    private AiobSimulator simulator;

    /**
     * Answers as {@link AiobSimulator#answerTokenRequest} decides; an empty body counts as both keys
     * missing. A body that is not one JSON object ({@link StrictJson}) gets AIOB's answer to invalid
     * input, HTTP 200 with code 400, saying what is wrong.
     */
    @POST
    public Response getToken(byte[] body) {
        if (body.length == 0) {
            return simulator.answerTokenRequest(null, null);
        }
        TokenRequest request;
        try {
            request = JsonBodies.bind(body, TokenRequest.class);
        } catch (IllegalArgumentException e) {
            return AiobResponses.invalidInput(e.getMessage());
        }
        return simulator.answerTokenRequest(request.accessKey(), request.secretKey());
    }
}
