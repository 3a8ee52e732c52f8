package io.github.aiobmp.auth.internal.gettoken;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;

/**
 * Typed MicroProfile Rest Client for AIOB's token endpoint, built against {@code aiob.url}. Its
 * calls are guarded by TokenFetcher's Fault Tolerance policy.
 */
@Path("/api/v2")
@RegisterProvider(TokenResponseExceptionMapper.class)
public interface AiobTokenClient {

    /** Requests a new token. */
    @POST
    @Path("/getToken")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    TokenResponse getToken(TokenRequest request);
}
