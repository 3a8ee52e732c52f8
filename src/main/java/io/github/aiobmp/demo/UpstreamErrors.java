package io.github.aiobmp.demo;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.Response;

import io.github.aiobmp.auth.CauseChain;

/**
 * Turns what AIOB's realtime-call endpoint answered, when it was not a success, into the demo's
 * answer: 502 for an error or garbage, 503 when AIOB could not be reached. The component's own
 * failures (configuration, credentials, token) never come here: its AiobExceptionMapper answers
 * them. No stack trace or class name leaves the server.
 */
final class UpstreamErrors {

    private static final Logger LOG = Logger.getLogger(UpstreamErrors.class.getName());

    private UpstreamErrors() {
    }

    /** The realtime call failed before AIOB answered with an envelope. */
    static Response from(RuntimeException failure) {
        Optional<WebApplicationException> http = CauseChain.find(failure, WebApplicationException.class);
        if (http.isPresent()) {
            int status = http.get().getResponse().getStatus();
            String error = status == 401 || status == 403 ? "AIOB rejected the request's credentials"
                    : "AIOB answered with an error";
            return ErrorBody.response(Status.BAD_GATEWAY, error, "HTTP " + status);
        }
        Optional<IOException> io = CauseChain.find(failure, IOException.class);
        if (io.isPresent()) {
            return ErrorBody.response(Status.SERVICE_UNAVAILABLE, "AIOB could not be reached",
                    io.get() instanceof SocketTimeoutException ? "no answer in time"
                            : String.valueOf(io.get().getMessage()));
        }
        LOG.log(Level.WARNING, "Unexpected failure calling AIOB's realtime call", failure);
        return ErrorBody.response(Status.BAD_GATEWAY, "Calling AIOB failed", "see the server's log");
    }

    /** AIOB answered with an envelope whose {@code code} is not 200. */
    static Response fromEnvelope(AiobEnvelope envelope) {
        String error = envelope.code() == 401 ? "AIOB rejected the request's credentials"
                : "AIOB answered with an error";
        return ErrorBody.response(Status.BAD_GATEWAY, error, "code " + envelope.code() + ": " + envelope.msg());
    }

    static Response garbage(String what) {
        return ErrorBody.response(Status.BAD_GATEWAY, "AIOB answered with something that is not its JSON envelope",
                what);
    }
}
