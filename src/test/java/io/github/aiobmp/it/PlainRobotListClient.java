package io.github.aiobmp.it;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** A user's AIOB client that names no provider: the filter comes from config or the builder. */
@RegisterRestClient(configKey = "robots-by-config")
@Path("/api/v1/robot/list")
@Produces(MediaType.APPLICATION_JSON)
public interface PlainRobotListClient extends AutoCloseable {

    @GET
    String list();
}
