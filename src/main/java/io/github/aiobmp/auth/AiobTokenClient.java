package io.github.aiobmp.auth;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;

/**
 * Typed MicroProfile Rest Client for AIOB's token endpoint, built by {@link AiobTokenProvider}
 * against {@code aiob.url}.
 *
 * <p>Transient faults (connection errors, timeouts, HTTP 5xx) are retried with a short backoff; a
 * credential rejection and a malformed answer are not. Tune with MicroProfile Fault Tolerance's own
 * keys, e.g. {@code io.github.aiobmp.auth.AiobTokenClient/getToken/Retry/maxRetries}; the
 * rest client's connect and read timeouts follow {@code …/getToken/Timeout/value}, so a slow
 * endpoint really is cut off.
 */
@Path("/api/v2")
@RegisterProvider(TokenResponseExceptionMapper.class)
public interface AiobTokenClient {

    /** Per-attempt timeout, in milliseconds, unless overridden by Fault Tolerance config. */
    long TIMEOUT_MILLIS = 3000;

    /** Requests a new token. */
    @POST
    @Path("/getToken")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(TIMEOUT_MILLIS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, maxDuration = 15_000,
            retryOn = {AiobUnavailableException.class, ProcessingException.class, TimeoutException.class},
            abortOn = {AiobCredentialsRejectedException.class, AiobBadResponseException.class})
    TokenResponse getToken(TokenRequest request);
}
