package io.github.aiobmp.bench.e2e;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * AIOB's realtime-call endpoint, used both with and without {@code AiobAuthFilter}, so that the two
 * calls differ only in who sets the {@code Authorization} header.
 */
@Path("/api/v3/console/realtime/status")
public interface RealtimeCallApi {

    /**
     * Places one call; returns AIOB's answer as it came.
     *
     * @param authorization the raw token, or null to leave the header to a filter
     * @param body          the JSON request, sent as it is
     */
    @POST
    @Path("/create")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    String create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body);
}
