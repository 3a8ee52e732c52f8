package io.github.aiobmp.it;

import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.github.aiobmp.auth.AiobAuthFilter;

/** A user's AIOB client with the filter registered by annotation. */
@RegisterRestClient(configKey = "robots")
@RegisterProvider(AiobAuthFilter.class)
@Path("/api/v1/robot/list")
@Produces(MediaType.APPLICATION_JSON)
public interface RobotListClient extends AutoCloseable {

    @GET
    String list();

    @GET
    CompletionStage<String> listAsync();
}
