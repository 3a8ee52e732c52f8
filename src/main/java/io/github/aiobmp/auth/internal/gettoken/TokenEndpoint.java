package io.github.aiobmp.auth.internal.gettoken;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import io.github.aiobmp.auth.AiobBadResponseException;
import io.github.aiobmp.auth.AiobConfigKeys;
import io.github.aiobmp.auth.AiobConfigurationException;
import io.github.aiobmp.auth.AiobCredentialsRejectedException;
import io.github.aiobmp.auth.AiobException;
import io.github.aiobmp.auth.AiobUnavailableException;
import io.github.aiobmp.auth.CauseChain;
import io.github.aiobmp.auth.TokenEvents;
import io.github.aiobmp.auth.internal.cache.Observers;
import io.github.aiobmp.auth.internal.cache.TokenGrant;
import io.github.aiobmp.auth.internal.cache.TokenSource;
import io.github.aiobmp.auth.internal.secret.Fingerprint;
import io.github.aiobmp.auth.internal.settings.AiobSettings;

/**
 * The production {@link TokenSource}: calls AIOB's getToken with the configured credentials and
 * turns every kind of answer into a {@link TokenGrant} or one of the component's exceptions.
 */
public final class TokenEndpoint implements TokenSource {

    /** A Java class name as the JDK writes it into messages, e.g. {@code sun.security.x.FooException: }. */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error):?\\s*");

    /** Anything longer than ten years is not a lifetime AIOB means. */
    static final long MAX_EXPIRES_MINUTES = 10L * 366 * 24 * 60;

    private final AiobTokenClient client;
    private final Supplier<AiobSettings.Credentials> credentials;
    private final String endpoint;
    private final TokenEvents events;

    /** @param events told of every getToken request, as AIOB counts them */
    public TokenEndpoint(AiobTokenClient client, Supplier<AiobSettings.Credentials> credentials, URI url,
            TokenEvents events) {
        this.client = Objects.requireNonNull(client, "client");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.endpoint = url + "/api/v2/getToken";
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public TokenGrant fetch() {
        AiobSettings.Credentials keys = credentials.get();
        TokenResponse response;
        boolean reached = true;
        try {
            response = client.getToken(new TokenRequest(keys.accessKey(), keys.secretKey()));
        } catch (ProcessingException e) {
            reached = !notConnected(e);
            throw classify(e);
        } catch (WebApplicationException e) {
            String status = "HTTP " + e.getResponse().getStatus();
            throw new AiobBadResponseException("AIOB's getToken at " + endpoint + " answered " + status,
                    new ErrorAnswer(status));
        } finally {
            if (reached) {
                Observers.report(events::getTokenRequested);
            }
        }
        return grantFrom(response, keys);
    }

    /** Whether the request never reached AIOB: no connection was made, so AIOB did not count it. */
    private static boolean notConnected(ProcessingException e) {
        return CauseChain.find(e, ConnectException.class).isPresent()
                || CauseChain.find(e, UnknownHostException.class).isPresent()
                || CauseChain.find(e, NoRouteToHostException.class).isPresent()
                // Connecting timed out: the HTTP clients' own types, or a SocketTimeoutException that says so.
                || CauseChain.find(e, InterruptedIOException.class).filter(timeout -> timeout.getClass()
                        .getSimpleName().contains("ConnectTimeout") || String.valueOf(timeout.getMessage())
                                .toLowerCase(Locale.ROOT).contains("connect timed out")).isPresent();
    }

    private TokenGrant grantFrom(TokenResponse response, AiobSettings.Credentials keys) {
        if (response == null || response.code() == null) {
            throw bad("an answer without a 'code'");
        }
        String msg = redact(response.msg(), keys.secretKey());
        if (response.code() >= 500 && response.code() <= 599) {
            // A server-side error reported in the body: as transient as an HTTP 5xx, so retried.
            throw new AiobUnavailableException("AIOB's getToken at " + endpoint + " answered code " + response.code()
                    + ", msg '" + msg + "'", new ErrorAnswer("code " + response.code()));
        }
        if (response.code() != 200) {
            throw new AiobCredentialsRejectedException(response.code(), msg,
                    "AIOB refused a token for the access key with fingerprint " + Fingerprint.of(keys.accessKey())
                            + ": code " + response.code() + ", msg '" + msg + "'. Check "
                            + AiobConfigKeys.describe(AiobConfigKeys.ACCESS_KEY) + " and "
                            + AiobConfigKeys.describe(AiobConfigKeys.SECRET_KEY));
        }
        TokenResponse.TokenData data = response.data();
        if (data == null) {
            throw bad("code 200 but no 'data'");
        }
        if (data.accessToken() == null || data.accessToken().isBlank()) {
            throw bad("code 200 but no 'data.accessToken'");
        }
        Long minutes = data.expiresTime();
        if (minutes == null || minutes <= 0 || minutes > MAX_EXPIRES_MINUTES) {
            throw bad("'data.expiresTime' " + minutes + ", expected minutes between 1 and " + MAX_EXPIRES_MINUTES);
        }
        return new TokenGrant(data.accessToken(), Duration.ofMinutes(minutes));
    }

    /**
     * An untrusted certificate is this server's configuration, not retried; unreachable or cut off
     * is transient; anything else is an answer we could not read.
     */
    private AiobException classify(ProcessingException e) {
        Optional<Exception> untrusted = CauseChain.find(e, SSLHandshakeException.class).map(Exception.class::cast)
                .or(() -> CauseChain.find(e, CertificateException.class));
        if (untrusted.isPresent()) {
            return new AiobConfigurationException("AIOB's certificate at " + endpoint + " is not trusted by this"
                    + " server (" + inWords(untrusted.get()) + "). Trust its CA: on Liberty,"
                    + " <ssl id=\"defaultSSLConfig\" trustDefaultCerts=\"true\"/> for a public CA, or a"
                    + " trustStoreRef holding it");
        }
        // The whole chain goes with it: the exception mapper's heading tells an unknown host, a
        // refused connection and a timeout apart by it.
        return CauseChain.find(e, IOException.class)
                .<AiobException>map(cause -> new AiobUnavailableException("AIOB's getToken at " + endpoint
                        + " could not be reached: " + inWords(cause), e))
                .orElseGet(() -> bad("a body that is not getToken's JSON"));
    }

    /**
     * What went wrong on the way, in words for whoever reads the message: what the kind of failure
     * means, then the failure's own text, without the Java class names the JDK puts in it.
     */
    static String inWords(Throwable cause) {
        String what = cause instanceof UnknownHostException ? "unknown host"
                : cause instanceof SocketTimeoutException ? "timed out"
                : cause instanceof ConnectException ? "connection refused"
                : cause instanceof SSLHandshakeException ? "TLS handshake failed"
                : cause instanceof SSLException ? "TLS failed"
                : cause instanceof CertificateException ? "certificate refused"
                : "I/O failure";
        String text = cause.getMessage() == null ? "" : CLASS_NAME.matcher(cause.getMessage()).replaceAll("").strip();
        return text.isEmpty() ? what : what + ": " + text;
    }

    private AiobBadResponseException bad(String what) {
        return new AiobBadResponseException("AIOB's getToken at " + endpoint + " answered " + what);
    }

    /** AIOB's message goes into our exception; make sure it cannot carry the secret with it. */
    private static String redact(String msg, String secret) {
        return msg == null ? null : msg.replace(secret, "***");
    }
}
