package io.github.aiobmp.it;

import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.github.aiobmp.auth.AiobAuthFilter;
import io.github.aiobmp.auth.AiobReauthenticate;

/** A user's AIOB client that opts in to re-authentication: the provider and one annotation. */
@RegisterRestClient(configKey = "reauth-robots")
@RegisterProvider(AiobAuthFilter.class)
@AiobReauthenticate
@Path("/api/v1/robot/list")
@Produces(MediaType.APPLICATION_JSON)
public interface ReauthRobotListClient extends AutoCloseable {

    @GET
    String list();

    @GET
    CompletionStage<String> listAsync();
}
