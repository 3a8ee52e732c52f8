package io.github.aiobmp.demo;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.github.aiobmp.auth.AiobAuthFilter;
import io.github.aiobmp.auth.AiobReauthenticate;

/**
 * AIOB's realtime-call endpoint, as a user of the component would declare it: the filter
 * attaches the token, and a call whose token AIOB rejects is resent once with a new one; the URL
 * comes from {@code aiob-demo/mp-rest/url=${aiob.url}}.
 */
@RegisterRestClient(configKey = "aiob-demo")
@RegisterProvider(AiobAuthFilter.class)
@AiobReauthenticate
@Path("/api/v3/console/realtime/status")
public interface RealtimeCallClient {

    /** Places one call; returns AIOB's answer as it came. */
    @POST
    @Path("/create")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    String create(RealtimeCallRequest request);
}
