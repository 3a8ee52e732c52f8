package io.github.aiobmp.auth.internal.gettoken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.aiobmp.auth.AiobBadResponseException;
import io.github.aiobmp.auth.AiobConfigurationException;
import io.github.aiobmp.auth.AiobCredentialsRejectedException;
import io.github.aiobmp.auth.AiobException;
import io.github.aiobmp.auth.AiobUnavailableException;
import io.github.aiobmp.auth.CauseChain;

/** Verifies that getToken's HTTP errors become the exceptions the retry policy and the caller expect. */
class TokenResponseExceptionMapperTest {

    private final TokenResponseExceptionMapper mapper = new TokenResponseExceptionMapper();

    private AiobException mapped(int status) {
        return mapper.toThrowable(Response.status(status).build());
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void serverError_isUnavailable_soItIsRetried(int status) {
        AiobUnavailableException thrown = assertInstanceOf(AiobUnavailableException.class, mapped(status));

        assertEquals("HTTP " + status, CauseChain.find(thrown, ErrorAnswer.class).orElseThrow().getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void unauthorizedOrForbidden_isACredentialRejection_namingTheKeys(int status) {
        AiobCredentialsRejectedException thrown = assertInstanceOf(AiobCredentialsRejectedException.class,
                mapped(status));

        assertTrue(thrown.getMessage().contains("aiob.access-key") && thrown.getMessage().contains("aiob.secret-key"),
                thrown.getMessage());
    }

    @Test
    void proxyAuthenticationRequired_isThisServersConfiguration() {
        AiobConfigurationException thrown = assertInstanceOf(AiobConfigurationException.class, mapped(407));

        assertTrue(thrown.getMessage().contains("proxy"), thrown.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404, 405, 415})
    void anotherClientError_isABadAnswer(int status) {
        AiobBadResponseException thrown = assertInstanceOf(AiobBadResponseException.class, mapped(status));

        assertTrue(thrown.getMessage().contains("HTTP " + status), thrown.getMessage());
        assertEquals("HTTP " + status, CauseChain.find(thrown, ErrorAnswer.class).orElseThrow().getMessage());
    }
}
