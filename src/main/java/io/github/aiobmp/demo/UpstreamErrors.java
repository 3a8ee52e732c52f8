package io.github.aiobmp.demo;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.Response;

import io.github.aiobmp.auth.AiobUnavailableException;
import io.github.aiobmp.auth.CauseChain;

/**
 * Turns what AIOB's realtime-call endpoint answered, when it was not a success, into the demo's
 * answer: 502 for an error or garbage; when AIOB could not be reached, an AiobUnavailableException
 * for the component's AiobExceptionMapper (503). The component's own failures (configuration,
 * credentials, token) never come here: that mapper answers them. No stack trace or class name
 * leaves the server.
 */
final class UpstreamErrors {

    private static final Logger LOG = Logger.getLogger(UpstreamErrors.class.getName());

    private UpstreamErrors() {
    }

    /**
     * The realtime call failed before AIOB answered with an envelope.
     *
     * @throws AiobUnavailableException when AIOB could not be reached: reported as the component
     *                                  reports its own, so that its mapper's heading says what
     *                                  happened (an unknown host, a refused connection, a timeout)
     */
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
            throw new AiobUnavailableException("AIOB's realtime call failed: "
                    + Objects.requireNonNullElse(io.get().getMessage(), "no answer"), failure);
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
