package io.github.aiobmp.it;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.github.aiobmp.auth.AiobAuthFilter;
import io.github.aiobmp.auth.AiobReauthenticate;

/** The README's client, as a user copies it: a GET and a POST with a JSON body on one configKey. */
@RegisterRestClient(configKey = "aiob")
@RegisterProvider(AiobAuthFilter.class)
@AiobReauthenticate
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public interface AiobClient {

    @GET
    @Path("/v1/robot/list")
    String robots(@QueryParam("pn") int page, @QueryParam("ps") int pageSize);

    @POST
    @Path("/v3/console/realtime/status/create")
    @Consumes(MediaType.APPLICATION_JSON)
    String realtimeCall(RealtimeCall call);

    /** A realtime call: {@code secretType} 2 means {@code mobile} is given in plain text. */
    record RealtimeCall(String robotId, String mobile, Integer secretType) {
    }
}
