package io.github.aiobmp.demo;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import io.github.aiobmp.auth.AiobException;
import io.github.aiobmp.auth.AiobExceptionMapper;
import io.github.aiobmp.auth.CauseChain;
import io.github.aiobmp.simulator.Refusals;

/**
 * The demo's one exception mapper, so that every failure is answered with JSON
 * {@code {"error", "detail"}}: the component's own go to its {@link AiobExceptionMapper} (as that
 * mapper's javadoc says an application with a mapper of its own should do); the server's refusals
 * of a request (no such endpoint, a method the endpoint does not take, a body that is not JSON, an
 * answer the client does not accept) keep their status and headers; anything else is a 500 that
 * points to the log, which has the stack trace.
 */
public class DemoErrors implements ExceptionMapper<Exception> {

    static final String ENDPOINTS = "the demo has POST /demo/realtime-call and GET /demo/token";
    private static final Logger LOG = Logger.getLogger(DemoErrors.class.getName());

    private final AiobExceptionMapper component = new AiobExceptionMapper();

    @Override
    public Response toResponse(Exception failure) {
        Optional<AiobException> aiob = CauseChain.find(failure, AiobException.class);
        if (aiob.isPresent()) {
            return component.toResponse(aiob.get());
        }
        if (failure instanceof WebApplicationException http) {
            Response refusal = http.getResponse();
            return Response.fromResponse(refusal).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ErrorBody(refusal.getStatusInfo().getReasonPhrase(),
                            Refusals.describe(refusal, ENDPOINTS)))
                    .build();
        }
        LOG.log(Level.SEVERE, "The demo failed unexpectedly", failure);
        return ErrorBody.response(Response.Status.INTERNAL_SERVER_ERROR, "The demo failed",
                "the server's log says why");
    }
}
