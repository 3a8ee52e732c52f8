package io.github.aiobmp.it;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;

import io.github.aiobmp.auth.AiobBadResponseException;
import io.github.aiobmp.auth.AiobConfigurationException;
import io.github.aiobmp.auth.AiobCredentialsRejectedException;
import io.github.aiobmp.auth.AiobTokenProvider;
import io.github.aiobmp.auth.AiobTokenRejectedException;
import io.github.aiobmp.auth.AiobUnavailableException;
import io.github.aiobmp.auth.TokenInvalidation;

/** An application's endpoint that fails as a call through the component's rest clients can, by name. */
@Path("fail")
@RequestScoped
public class FailingResource {

    @Inject
    AiobTokenProvider tokens;

    @GET
    @Path("{kind}")
    public String fail(@PathParam("kind") String kind) {
        if (kind.equals("real-unavailable")) {
            return tokens.token(); // aiob.url is a closed port: the component's own failure, message and all
        }
        throw switch (kind) {
            // What the rest client throws when the filter failed: the component's exception, wrapped.
            case "configuration" -> new ProcessingException(new AiobConfigurationException(
                    "AIOB credentials are not configured: set aiob.access-key (environment variable AIOB_ACCESS_KEY)"));
            case "credentials" -> new AiobCredentialsRejectedException(401, "accessKey or secretKey is invalid",
                    "AIOB refused a token: code 401, msg 'accessKey or secretKey is invalid'");
            case "token" -> new AiobTokenRejectedException("AIOB rejected token 1a2b3c4d on GET /x: HTTP 401",
                    "1a2b3c4d", 401, null, null, TokenInvalidation.RATE_LIMITED);
            case "bad-answer" -> new ProcessingException(new RuntimeException(new AiobBadResponseException(
                    "AIOB's getToken answered a body that is not getToken's JSON")));
            case "unavailable" -> new AiobUnavailableException("No AIOB token within 10000 ms (aiob.token.max-wait)");
            case "not-found" -> new NotFoundException();
            default -> new IllegalStateException("a failure of the application's own: " + kind);
        };
    }
}
