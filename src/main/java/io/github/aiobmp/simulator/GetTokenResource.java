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

    /** Answers as {@link AiobSimulator#answerTokenRequest} decides; an empty body counts as both keys missing. */
    @POST
    public Response getToken(TokenRequest request) {
        return request == null
                ? simulator.answerTokenRequest(null, null)
                : simulator.answerTokenRequest(request.accessKey(), request.secretKey());
    }
}
