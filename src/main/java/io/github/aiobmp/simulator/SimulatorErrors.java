package io.github.aiobmp.simulator;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Answers every failure of the simulator's endpoints with JSON, keeping the status (and headers,
 * such as a 405's {@code Allow}) of the server's own refusals of a request ({@link Refusals}). Under
 * {@code control/} the body is a {@link ControlError}; elsewhere AIOB's envelope, its {@code code}
 * the HTTP status. Anything else is a 500 that points to the log, which has the stack trace.
 */
public class SimulatorErrors implements ExceptionMapper<Exception> {

    static final String API_ENDPOINTS = "the simulator serves POST api/v2/getToken,"
            + " POST api/v3/console/realtime/status/create and GET api/v1/robot/list";
    static final String CONTROL_ENDPOINTS = "the control endpoints are GET control/stats, POST control/reset,"
            + " POST control/revoke-all, POST control/advance-clock?seconds=N and PUT control/faults";
    private static final Logger LOG = Logger.getLogger(SimulatorErrors.class.getName());

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(Exception failure) {
        boolean control = uri != null && uri.getPath().replaceFirst("^/", "").startsWith("control");
        Response refusal = failure instanceof WebApplicationException http ? http.getResponse() : null;
        if (refusal == null) {
            LOG.log(Level.SEVERE, "The AIOB simulator failed", failure);
        }
        int status = refusal == null ? Response.Status.INTERNAL_SERVER_ERROR.getStatusCode() : refusal.getStatus();
        String message = refusal == null ? "the simulator failed; the server's log says why"
                : Refusals.describe(refusal, control ? CONTROL_ENDPOINTS : API_ENDPOINTS);
        return (refusal == null ? Response.status(status) : Response.fromResponse(refusal))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(control ? new ControlError(message) : Envelope.of(status, message)).build();
    }
}
