package io.github.aiobmp.simulator;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;

/**
 * Drives the simulator over HTTP, for scripts and for tests that run outside the server. Bad input
 * gets HTTP 400 with a {@link ControlError}, and so does every other failure of these endpoints,
 * with its own status ({@link SimulatorErrors}). Not part of the AIOB API.
 */
@RequestScoped
@Path("control")
@Produces(MediaType.APPLICATION_JSON)
public class SimulatorControlResource {

    static final int RECENT_AUTHORIZATIONS = 100;

    @Inject
    private AiobSimulator simulator;

    /** Returns the request counters and the Authorization headers of the last 100 API calls. */
    @GET
    @Path("stats")
    public SimulatorStats stats() {
        List<RecordedRequest> requests = simulator.apiRequests();
        List<String> authorizations = requests.subList(Math.max(0, requests.size() - RECENT_AUTHORIZATIONS),
                requests.size()).stream().map(RecordedRequest::authorization).toList();
        return new SimulatorStats(simulator.tokenRequestCount(), simulator.apiRequestCount(),
                simulator.apiTokenRejectionCount(), authorizations, simulator.issuedTokens());
    }

    /** Returns the simulator to its configured defaults; see {@link AiobSimulator#reset()}. */
    @POST
    @Path("reset")
    public void reset() {
        simulator.reset();
    }

    /** Revokes every token issued so far. */
    @POST
    @Path("revoke-all")
    public void revokeAll() {
        simulator.revokeAllTokens();
    }

    /** Moves the simulator's clock forward by {@code seconds}, a required whole number not below 0. */
    @POST
    @Path("advance-clock")
    public Response advanceClock(@QueryParam("seconds") String seconds) {
        Duration step;
        try {
            step = SimulatorLimits.requireSpan("seconds", Duration.ofSeconds(Long.parseLong(seconds)));
        } catch (NumberFormatException e) {
            return badRequest("seconds must be a whole number, was " + seconds);
        } catch (IllegalArgumentException e) {
            return badRequest(e.getMessage());
        }
        simulator.advanceClock(step);
        return Response.noContent().build();
    }

    /**
     * Applies the fields of a {@link FaultSettings} body, or none of them when the body or one field
     * is bad: the body must be one JSON object ({@link StrictJson}) of those fields only, each of its
     * type.
     */
    @PUT
    @Path("faults")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response faults(byte[] body) {
        try {
            JsonBodies.exactly(body, FaultSettings.class).applyTo(simulator);
        } catch (IllegalArgumentException e) {
            return badRequest(e.getMessage());
        }
        return Response.noContent().build();
    }

    private static Response badRequest(String message) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ControlError(message)).build();
    }
}
