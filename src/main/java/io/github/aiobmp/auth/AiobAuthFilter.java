package io.github.aiobmp.auth;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;

import io.github.aiobmp.auth.internal.rejection.ResponseCode;
import io.github.aiobmp.auth.internal.secret.Fingerprint;

/**
 * Adds {@code Authorization: <token>} (the raw token, no {@code Bearer}) to requests bound for
 * {@code aiob.url}'s scheme, host and port (or a host of {@code aiob.allowed-hosts}), and leaves
 * requests to anywhere else untouched, saying so at WARNING once per client and origin: a client
 * meant for AIOB whose URL does not match would otherwise only see AIOB's HTTP 401. On the way
 * back it turns AIOB's rejection of the token (HTTP 401, or a body {@code code} of
 * {@code aiob.token.rejection-codes}) into an {@link AiobTokenRejectedException} after dropping the
 * token, and a redirect into an {@link AiobBadResponseException}: redirects are never followed
 * with the token.
 *
 * <p>Register it on your AIOB rest client with {@code @RegisterProvider(AiobAuthFilter.class)},
 * with {@code <configKey>/mp-rest/providers}, or with {@code RestClientBuilder.register(…)}; add
 * {@link AiobReauthenticate} to have rejected calls resent once with a new token.
 */
@Priority(Priorities.AUTHENTICATION)
public class AiobAuthFilter implements ClientRequestFilter, ClientResponseFilter {

    private static final Logger LOG = Logger.getLogger(AiobAuthFilter.class.getName());
    /** The request property holding the token this filter attached. */
    private static final String SENT_TOKEN = AiobAuthFilter.class.getName() + ".token";
    /** The request property by which MicroProfile Rest Client names the interface method called. */
    private static final String INVOKED_METHOD = "org.eclipse.microprofile.rest.client.invokedMethod";

    private final AiobTokenProvider tokens;

    /** Used when the filter is registered by class: finds the application's token holder through CDI. */
    public AiobAuthFilter() {
        this(lookupProvider());
    }

    /**
     * Uses the given token holder.
     *
     * @param tokens the application's token holder, e.g. an injected one
     */
    public AiobAuthFilter(AiobTokenProvider tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    @Override
    public void filter(ClientRequestContext request) {
        switch (tokens.verdict(request.getUri())) {
            case ATTACH -> {
                String token = tokens.token();
                request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, token);
                request.setProperty(SENT_TOKEN, token);
            }
            case REFUSE_PLAIN_HTTP -> throw new AiobConfigurationException("Refusing to send the AIOB token over plain"
                    + " HTTP to " + request.getUri().getHost() + ": call it over https, or set "
                    + AiobConfigKeys.describe(AiobConfigKeys.ALLOW_PLAIN_HTTP) + " to true for a trusted network");
            case SKIP -> noTokenFor(request);
        }
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) throws IOException {
        if (!(request.getProperty(SENT_TOKEN) instanceof String token)) {
            return;
        }
        int status = response.getStatus();
        if (status == 401) {
            throw rejected(token, request, 401, null, null);
        }
        if (status >= 300 && status < 400) {
            throw new AiobBadResponseException("AIOB answered HTTP " + status + " to " + call(request)
                    + ", redirecting to " + locationHost(response) + ". Redirects are not followed, so that the token"
                    + " never goes elsewhere: set " + AiobConfigKeys.URL + " to the address AIOB redirects to");
        }
        if (status == 200) {
            byte[] head = ResponseCode.peek(response);
            int code = head == null ? ResponseCode.NONE : ResponseCode.code(head);
            if (code != ResponseCode.NONE && tokens.rejectionCodes().contains(code)) {
                String msg = ResponseCode.msg(head);
                throw rejected(token, request, 200, code, msg == null ? null : msg.replace(token, "***"));
            }
        }
    }

    private AiobTokenRejectedException rejected(String token, ClientRequestContext request, int status, Integer code,
            String msg) {
        TokenInvalidation outcome = tokens.invalidate(token);
        String fingerprint = Fingerprint.of(token);
        String answer = code == null ? "HTTP " + status : "code " + code + ", msg '" + msg + "'";
        LOG.log(Level.FINE, "AIOB rejected token {0} on {1}: {2}; {3}",
                new Object[] {fingerprint, call(request), answer, outcome});
        return new AiobTokenRejectedException("AIOB rejected token " + fingerprint + " on " + call(request) + ": "
                + answer + "; " + outcome.description(), fingerprint, status, code, msg, outcome);
    }

    /** Tells the token holder which client called where, as MicroProfile Rest Client tells its filters. */
    private void noTokenFor(ClientRequestContext request) {
        if (request.getProperty(INVOKED_METHOD) instanceof Method method) {
            tokens.noTokenFor(method.getDeclaringClass().getName(),
                    method.getDeclaringClass().getSimpleName() + "." + method.getName(), request.getUri());
        } else {
            tokens.noTokenFor("a JAX-RS client", request.getMethod(), request.getUri());
        }
    }

    private static String call(ClientRequestContext request) {
        URI uri = request.getUri();
        return request.getMethod() + " " + uri.getRawPath();
    }

    private static String locationHost(ClientResponseContext response) {
        URI location = response.getLocation();
        return location == null || location.getHost() == null ? "nowhere (no Location)" : location.getHost();
    }

    private static AiobTokenProvider lookupProvider() {
        try {
            // A client proxy: cheap to get here, resolved to the bean on each call.
            return CDI.current().select(AiobTokenProvider.class).get();
        } catch (IllegalStateException e) {
            throw new AiobConfigurationException("AiobAuthFilter found no CDI container to get the AiobTokenProvider"
                    + " from; outside CDI, register new AiobAuthFilter(provider)");
        }
    }
}
