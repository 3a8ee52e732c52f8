package io.github.aiobmp.auth.internal.gettoken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLHandshakeException;

import jakarta.ws.rs.ProcessingException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.aiobmp.auth.AiobBadResponseException;
import io.github.aiobmp.auth.AiobConfigKeys;
import io.github.aiobmp.auth.AiobConfigurationException;
import io.github.aiobmp.auth.AiobCredentialsRejectedException;
import io.github.aiobmp.auth.AiobException;
import io.github.aiobmp.auth.AiobUnavailableException;
import io.github.aiobmp.auth.CauseChain;
import io.github.aiobmp.auth.TokenEvents;
import io.github.aiobmp.auth.internal.cache.TokenGrant;
import io.github.aiobmp.auth.internal.settings.AiobSettings;

/** Verifies that TokenEndpoint turns every kind of getToken answer into a TokenGrant or the right exception. */
class TokenEndpointTest {

    private static final String ACCESS_KEY = "ak-123";
    private static final String SECRET_KEY = "sk-81d7e3-SECRET-KEY";
    private static final URI URL = URI.create("https://aiob.example.com");

    private final List<TokenRequest> requests = new ArrayList<>();

    /** An endpoint whose client records each request and answers {@code response}. */
    private TokenEndpoint answering(TokenResponse response) {
        return endpoint(request -> {
            requests.add(request);
            return response;
        });
    }

    private TokenEndpoint throwing(RuntimeException failure) {
        return endpoint(request -> {
            throw failure;
        });
    }

    private static TokenEndpoint endpoint(AiobTokenClient client) {
        return new TokenEndpoint(client, () -> new AiobSettings.Credentials(ACCESS_KEY, SECRET_KEY), URL,
                TokenEvents.NONE);
    }

    private static TokenResponse success(String accessToken, Long expiresTime) {
        return new TokenResponse(1_700_000_000_000L, 200, "success",
                new TokenResponse.TokenData(7L, "account-1", accessToken, expiresTime));
    }

    private static <T extends AiobException> T assertFetchFails(Class<T> type, TokenEndpoint endpoint) {
        T thrown = assertThrows(type, endpoint::fetch);
        assertFalse(thrown.getMessage().contains(SECRET_KEY), "message reveals the secret key: " + thrown.getMessage());
        return thrown;
    }

    private static void assertMentions(String message, String part) {
        assertTrue(message.contains(part), "'" + message + "' does not mention " + part);
    }

    @Test
    void success_grantsTheTokenWithItsLifetimeInMinutes() {
        TokenGrant grant = answering(success("tok-1", 43200L)).fetch();

        assertEquals(new TokenGrant("tok-1", Duration.ofMinutes(43200)), grant);
        assertEquals(Duration.ofDays(30), grant.lifetime());
    }

    @Test
    void everyRequest_isCountedAsAIOBCountsIt_answeredOrNot_butNoneWithoutCredentialsOrAConnection() {
        AtomicInteger sent = new AtomicInteger();
        TokenEvents events = new TokenEvents() {
            @Override
            public void getTokenRequested() {
                sent.incrementAndGet();
            }
        };
        List<AiobSettings.Credentials> keys = new ArrayList<>(Collections.nCopies(3,
                new AiobSettings.Credentials(ACCESS_KEY, SECRET_KEY)));
        List<Object> answers = new ArrayList<>(List.of(success("tok-1", 60L),
                new ProcessingException(new ConnectException("Connection refused"))));
        TokenEndpoint endpoint = new TokenEndpoint(request -> {
            if (answers.isEmpty()) {
                throw new ProcessingException(new SocketTimeoutException("Read timed out"));
            }
            Object answer = answers.remove(0);
            if (answer instanceof ProcessingException refused) {
                throw refused;
            }
            return (TokenResponse) answer;
        }, () -> {
            if (keys.isEmpty()) {
                throw new AiobConfigurationException("AIOB credentials are not configured");
            }
            return keys.remove(0);
        }, URL, events);

        endpoint.fetch();
        assertThrows(AiobUnavailableException.class, endpoint::fetch); // refused: never reached AIOB
        assertThrows(AiobUnavailableException.class, endpoint::fetch); // timed out: AIOB may have answered late
        assertThrows(AiobConfigurationException.class, endpoint::fetch);

        assertEquals(2, sent.get());
    }

    @Test
    void request_carriesTheConfiguredCredentials() {
        answering(success("tok-1", 60L)).fetch();

        assertEquals(List.of(new TokenRequest(ACCESS_KEY, SECRET_KEY)), requests);
    }

    @Test
    void credentials_areReadAgainForEveryFetch() {
        List<String> accessKeys = new ArrayList<>(List.of("ak-old", "ak-new"));
        TokenEndpoint endpoint = new TokenEndpoint(request -> {
            requests.add(request);
            return success("tok", 60L);
        }, () -> new AiobSettings.Credentials(accessKeys.remove(0), SECRET_KEY), URL,
                TokenEvents.NONE);

        endpoint.fetch();
        endpoint.fetch();

        assertEquals(List.of("ak-old", "ak-new"), requests.stream().map(TokenRequest::accessKey).toList());
    }

    @Test
    void longestAllowedLifetime_isAccepted() {
        TokenGrant grant = answering(success("tok-1", TokenEndpoint.MAX_EXPIRES_MINUTES)).fetch();

        assertEquals(Duration.ofMinutes(TokenEndpoint.MAX_EXPIRES_MINUTES), grant.lifetime());
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 503, 599})
    void serverErrorCodeInTheBody_isTransient(int code) {
        TokenEndpoint endpoint = answering(new TokenResponse(1L, code, "system busy " + SECRET_KEY, null));

        AiobUnavailableException thrown = assertFetchFails(AiobUnavailableException.class, endpoint);

        assertMentions(thrown.getMessage(), "code " + code);
        assertMentions(thrown.getMessage(), "system busy");
        assertEquals("code " + code, CauseChain.find(thrown, ErrorAnswer.class).orElseThrow().getMessage());
    }

    @Test
    void codeOtherThan200_isACredentialRejectionCarryingCodeAndMsg() {
        TokenEndpoint endpoint = answering(new TokenResponse(1L, 401, "invalid accessKey or secretKey", null));

        AiobCredentialsRejectedException thrown = assertFetchFails(AiobCredentialsRejectedException.class, endpoint);

        assertEquals(401, thrown.code());
        assertEquals("invalid accessKey or secretKey", thrown.aiobMessage());
        assertMentions(thrown.getMessage(), "401");
        assertMentions(thrown.getMessage(), AiobConfigKeys.ACCESS_KEY);
        assertMentions(thrown.getMessage(), AiobConfigKeys.SECRET_KEY);
    }

    @Test
    void rejectionMsgEchoingTheSecretKey_isRedacted() {
        TokenEndpoint endpoint = answering(new TokenResponse(1L, 40001, "secretKey " + SECRET_KEY + " is wrong", null));

        AiobCredentialsRejectedException thrown = assertFetchFails(AiobCredentialsRejectedException.class, endpoint);

        assertEquals("secretKey *** is wrong", thrown.aiobMessage());
    }

    @Test
    void answerWithoutCode_isABadResponse() {
        assertMentions(assertFetchFails(AiobBadResponseException.class,
                answering(new TokenResponse(1L, null, null, null))).getMessage(), "'code'");
        assertMentions(assertFetchFails(AiobBadResponseException.class, answering(null)).getMessage(), "'code'");
    }

    @Test
    void successWithoutData_isABadResponse() {
        AiobBadResponseException thrown = assertFetchFails(AiobBadResponseException.class,
                answering(new TokenResponse(1L, 200, "success", null)));

        assertMentions(thrown.getMessage(), "no 'data'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void successWithBlankAccessToken_isABadResponse(String accessToken) {
        AiobBadResponseException thrown = assertFetchFails(AiobBadResponseException.class,
                answering(success(accessToken, 60L)));

        assertMentions(thrown.getMessage(), "data.accessToken");
    }

    @Test
    void successWithoutAccessToken_isABadResponse() {
        AiobBadResponseException thrown = assertFetchFails(AiobBadResponseException.class,
                answering(success(null, 60L)));

        assertMentions(thrown.getMessage(), "data.accessToken");
    }

    @Test
    void successWithoutExpiresTime_isABadResponse() {
        AiobBadResponseException thrown = assertFetchFails(AiobBadResponseException.class,
                answering(success("tok-1", null)));

        assertMentions(thrown.getMessage(), "data.expiresTime");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -5, TokenEndpoint.MAX_EXPIRES_MINUTES + 1, Long.MAX_VALUE})
    void expiresTimeOutOfRange_isABadResponseNamingTheValue(long expiresTime) {
        AiobBadResponseException thrown = assertFetchFails(AiobBadResponseException.class,
                answering(success("tok-1", expiresTime)));

        assertMentions(thrown.getMessage(), "data.expiresTime");
        assertMentions(thrown.getMessage(), Long.toString(expiresTime));
    }

    @Test
    void connectionRefused_isUnavailable() {
        TokenEndpoint endpoint = throwing(new ProcessingException(new ConnectException("Connection refused")));

        AiobUnavailableException thrown = assertFetchFails(AiobUnavailableException.class, endpoint);

        assertMentions(thrown.getMessage(), "could not be reached: connection refused: Connection refused");
        assertMentions(thrown.getMessage(), URL + "/api/v2/getToken");
    }

    @Test
    void failureToReachAiob_carriesItsCause_forTheHeadingThatSaysWhatHappened() {
        java.net.UnknownHostException unknown = new java.net.UnknownHostException("aiob-open.baidu.com");
        TokenEndpoint endpoint = throwing(new ProcessingException(new java.io.IOException("wrapped", unknown)));

        AiobUnavailableException thrown = assertFetchFails(AiobUnavailableException.class, endpoint);

        assertSame(unknown, CauseChain.find(thrown, java.net.UnknownHostException.class).orElseThrow());
        assertTrue(CauseChain.find(thrown, ErrorAnswer.class).isEmpty(), "not an answer of AIOB's");
    }

    @Test
    void failuresAreSaidInWords_withoutTheClassNamesTheJdkPutsInTheirMessages() {
        assertEquals("TLS handshake failed: PKIX path building failed: unable to find valid certification path",
                TokenEndpoint.inWords(new SSLHandshakeException("PKIX path building failed:"
                        + " sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid"
                        + " certification path")));
        assertEquals("unknown host: aiob-open.baidu.com",
                TokenEndpoint.inWords(new java.net.UnknownHostException("aiob-open.baidu.com")));
        assertEquals("timed out: Read timed out",
                TokenEndpoint.inWords(new java.net.SocketTimeoutException("Read timed out")));
        assertEquals("I/O failure", TokenEndpoint.inWords(new java.io.IOException()));
    }

    @Test
    void unreadableBody_isABadResponse() {
        TokenEndpoint endpoint = throwing(new ProcessingException(new IllegalArgumentException("Unexpected char '<'")));

        assertFetchFails(AiobBadResponseException.class, endpoint);
    }

    @Test
    void untrustedCertificate_isAConfigurationError_namingTheFix() {
        TokenEndpoint endpoint = throwing(new ProcessingException(new SSLHandshakeException(
                "PKIX path building failed: unable to find valid certification path to requested target")));

        AiobConfigurationException thrown = assertFetchFails(AiobConfigurationException.class, endpoint);

        assertMentions(thrown.getMessage(), "not trusted by this server (TLS handshake failed: PKIX path building failed");
        assertMentions(thrown.getMessage(), "trustDefaultCerts");
    }

    @Test
    void componentExceptionFromTheClient_passesThroughUnchanged() {
        AiobUnavailableException mapped = new AiobUnavailableException("HTTP 503");

        assertSame(mapped, assertThrows(AiobUnavailableException.class, throwing(mapped)::fetch));
    }
}
