package io.github.aiobmp.auth;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Providers;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import io.github.aiobmp.auth.internal.gettoken.ErrorAnswer;

/**
 * Answers a request of your application that failed because of an {@link AiobException} anywhere
 * in the cause chain of what was thrown (the rest client wraps what its filters throw in a
 * {@code ProcessingException}) with JSON {@code {"error", "detail"}}: 500 when this server is not
 * configured, 502 when AIOB rejected the credentials or the token or answered something unusable,
 * 503 when it could not be reached in time. The {@code error} is a heading that says what happened:
 * for AIOB's answers and failures to reach it, told by the exception's cause chain (an unknown host,
 * a refused connection, a timeout, an error answer); docs/behaviour.md lists them. The detail is the
 * exception's message: it says what to fix, and never holds a secret or a stack trace.
 *
 * <p>Nothing is registered unless you ask: add it to your {@code Application}'s
 * {@code getClasses()}, or, if your application's providers are discovered by scanning, declare
 * {@code @Provider public class AiobErrors extends AiobExceptionMapper {}}. It maps
 * {@code RuntimeException}, and hands every one without an {@code AiobException} in its chain back
 * to what would have handled it without this mapper: a {@code WebApplicationException} answers its
 * own response (a 404 stays a 404), anything else goes to the most specific mapper for
 * {@code Exception} your application or the runtime has. If your application has its own mapper
 * for {@code RuntimeException}, register that one only, and let it call {@link #toResponse} for
 * the exceptions {@link CauseChain#find} finds an {@code AiobException} in.
 */
public class AiobExceptionMapper implements ExceptionMapper<RuntimeException> {

    @Context
    Providers providers;

    @Override
    public Response toResponse(RuntimeException failure) {
        Optional<AiobException> aiob = CauseChain.find(failure, AiobException.class);
        if (aiob.isEmpty()) {
            return notOurs(failure);
        }
        AiobException cause = aiob.get();
        String detail = cause.getMessage() == null ? "" : cause.getMessage();
        return Response.status(status(cause)).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.createObjectBuilder().add("error", error(cause)).add("detail", detail).build()
                        .toString())
                .build();
    }

    /** Returns the HTTP status for the caller: whose fault it is, and whether trying later may help. */
    static Status status(AiobException cause) {
        if (cause instanceof AiobConfigurationException) {
            return Status.INTERNAL_SERVER_ERROR;
        }
        if (cause instanceof AiobUnavailableException) {
            return Status.SERVICE_UNAVAILABLE;
        }
        return Status.BAD_GATEWAY;
    }

    /**
     * Returns the heading: what happened, told by the exception's type and, for AIOB's answers and
     * failures to reach it, by what the exception carries in its cause chain.
     */
    static String error(AiobException cause) {
        if (cause instanceof AiobConfigurationException) {
            return "AIOB is not configured on this server";
        }
        if (cause instanceof AiobClusterSplitException) {
            return "The cluster is split, and this server is on the side without quorum";
        }
        if (cause instanceof AiobCredentialsRejectedException) {
            return "AIOB rejected the credentials";
        }
        if (cause instanceof AiobTokenRejectedException) {
            return "AIOB rejected the token";
        }
        if (found(cause, ErrorAnswer.class)) {
            return "AIOB answered with an error";
        }
        if (cause instanceof AiobBadResponseException) {
            return "AIOB answered with something unusable";
        }
        if (found(cause, UnknownHostException.class)) {
            return "AIOB's host is unknown";
        }
        if (found(cause, ConnectException.class)) {
            return "AIOB refused the connection";
        }
        // SocketTimeoutException, and the HTTP clients' connect timeouts, are InterruptedIOExceptions.
        if (found(cause, InterruptedIOException.class) || found(cause, HttpTimeoutException.class)
                || found(cause, TimeoutException.class)) {
            return "AIOB did not answer in time";
        }
        if (found(cause, IOException.class)) {
            return "AIOB could not be reached";
        }
        // Without a cause: aiob.token.max-wait ran out while the token was being fetched, or the wait was cut short.
        return "No AIOB token in time";
    }

    private static boolean found(Throwable failure, Class<? extends Throwable> type) {
        return CauseChain.find(failure, type).isPresent();
    }

    /**
     * What JAX-RS would have done without this mapper: a {@link WebApplicationException} answers
     * its own response; anything else goes to the mapper for a wider type (the application's, or
     * the runtime's default one), or, when there is none, to the server.
     */
    private Response notOurs(RuntimeException failure) {
        if (failure instanceof WebApplicationException http) {
            return http.getResponse();
        }
        // Asked for Exception, the runtime cannot answer with this mapper, which takes RuntimeException only.
        ExceptionMapper<Exception> wider = providers == null ? null : providers.getExceptionMapper(Exception.class);
        if (wider != null) {
            return wider.toResponse(failure);
        }
        throw failure;
    }
}
