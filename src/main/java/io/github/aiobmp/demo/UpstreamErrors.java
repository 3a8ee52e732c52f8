package io.github.aiobmp.demo;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import io.github.aiobmp.auth.AiobBadResponseException;
import io.github.aiobmp.auth.AiobConfigurationException;
import io.github.aiobmp.auth.AiobCredentialsRejectedException;
import io.github.aiobmp.auth.AiobTokenRejectedException;
import io.github.aiobmp.auth.AiobUnavailableException;

/**
 * Turns a failed AIOB call into the demo's answer: 502 when AIOB answered wrongly (rejected
 * credentials, an error, garbage), 503 when it could not be reached in time, 500 when this server
 * is not configured. The body says what happened; no stack trace leaves the server.
 */
final class UpstreamErrors {

    private static final Logger LOG = Logger.getLogger(UpstreamErrors.class.getName());

    private UpstreamErrors() {
    }

    static Response from(RuntimeException failure) {
        // The REST client wraps what its filters throw: look through the causes for the first we know.
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AiobConfigurationException) {
                return error(Status.INTERNAL_SERVER_ERROR, "AIOB is not configured on this server", cause.getMessage());
            }
            if (cause instanceof AiobCredentialsRejectedException) {
                return error(Status.BAD_GATEWAY, "AIOB rejected the credentials", cause.getMessage());
            }
            if (cause instanceof AiobTokenRejectedException) {
                return error(Status.BAD_GATEWAY, "AIOB rejected the token", cause.getMessage());
            }
            if (cause instanceof AiobBadResponseException) {
                return error(Status.BAD_GATEWAY, "AIOB answered with garbage", cause.getMessage());
            }
            if (cause instanceof AiobUnavailableException) {
                return error(Status.SERVICE_UNAVAILABLE, "AIOB's token endpoint is unavailable", cause.getMessage());
            }
            if (cause instanceof WebApplicationException http) {
                return fromHttpError(http.getResponse());
            }
            if (cause instanceof IOException) {
                return error(Status.SERVICE_UNAVAILABLE, "AIOB could not be reached",
                        cause.getClass().getSimpleName() + ": " + cause.getMessage());
            }
        }
        LOG.log(Level.WARNING, "Unexpected failure calling AIOB: {0}", failure.toString());
        return error(Status.BAD_GATEWAY, "Calling AIOB failed", failure.getClass().getName());
    }

    /** AIOB answered with an envelope whose {@code code} is not 200. */
    static Response fromEnvelope(AiobEnvelope envelope) {
        String error = envelope.code() == 401 ? "AIOB rejected the request's credentials" : "AIOB answered with an error";
        return error(Status.BAD_GATEWAY, error, "code " + envelope.code() + ": " + envelope.msg());
    }

    static Response garbage(String what) {
        return error(Status.BAD_GATEWAY, "AIOB answered with something that is not its JSON envelope", what);
    }

    private static Response fromHttpError(Response response) {
        int status = response.getStatus();
        String error = status == 401 || status == 403 ? "AIOB rejected the request's credentials"
                : "AIOB answered with an error";
        return error(Status.BAD_GATEWAY, error, "HTTP " + status);
    }

    private static Response error(Status status, String error, String detail) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(error, detail)).build();
    }
}
