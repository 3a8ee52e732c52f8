package io.github.aiobmp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InterruptedIOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.concurrent.CompletionException;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Providers;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

import io.github.aiobmp.auth.internal.gettoken.TokenResponseExceptionMapper;

/**
 * Verifies without a server which status and JSON AiobExceptionMapper answers for each of the
 * component's exceptions, however deep in the chain, and that it hands every other exception to
 * what would have handled it without the mapper.
 */
class AiobExceptionMapperTest {

    private final AiobExceptionMapper mapper = new AiobExceptionMapper();

    @Test
    void eachComponentException_getsItsStatus_andTheJsonThatSaysWhatToFix() {
        assertAnswer(500, "AIOB is not configured on this server", new AiobConfigurationException("set aiob.url"));
        assertAnswer(502, "AIOB rejected the credentials", new AiobCredentialsRejectedException(401, "bad", "refused"));
        assertAnswer(502, "AIOB rejected the token", new AiobTokenRejectedException("rejected", "1a2b3c4d", 401, null,
                null, TokenInvalidation.RATE_LIMITED));
        assertAnswer(502, "AIOB answered with something unusable", new AiobBadResponseException("HTML"));
        assertAnswer(503, "No AIOB token in time", new AiobUnavailableException("No AIOB token within 10000 ms"));
        assertAnswer(503, "The cluster is split, and this server is on the side without quorum",
                new AiobClusterSplitException("The cluster is split, and this server is on the side without quorum"));
    }

    @Test
    void failureToReachAiob_isHeadedByWhatHappened_asItsCauseChainTells() {
        assertAnswer(503, "AIOB's host is unknown", unavailable(new ProcessingException(
                new UnknownHostException("aiob-open.baidu.com"))));
        assertAnswer(503, "AIOB refused the connection", unavailable(new ConnectException("Connection refused")));
        assertAnswer(503, "AIOB did not answer in time", unavailable(new SocketTimeoutException("Read timed out")));
        assertAnswer(503, "AIOB did not answer in time", unavailable(new InterruptedIOException("Connect timed out")));
        assertAnswer(503, "AIOB did not answer in time", unavailable(new HttpTimeoutException("request timed out")));
        assertAnswer(503, "AIOB did not answer in time", unavailable(new TimeoutException("Fault Tolerance")));
        assertAnswer(503, "AIOB could not be reached", unavailable(new SocketException("Connection reset")));
    }

    @Test
    void anErrorAnswer_isHeadedSo_whetherRetriedOrNot() {
        assertAnswer(503, "AIOB answered with an error", new TokenResponseExceptionMapper().toThrowable(
                Response.status(503).build()));
        assertAnswer(502, "AIOB answered with an error", new TokenResponseExceptionMapper().toThrowable(
                Response.status(404).build()));
    }

    private static AiobUnavailableException unavailable(Exception cause) {
        return new AiobUnavailableException("AIOB's getToken could not be reached", cause);
    }

    @Test
    void componentExceptionDeepInTheChain_isFound() {
        RuntimeException wrapped = new CompletionException(new ProcessingException(new RuntimeException(
                new AiobUnavailableException("could not be reached"))));

        Response response = mapper.toResponse(wrapped);

        assertEquals(503, response.getStatus());
        assertEquals("could not be reached", json(response).getString("detail"));
    }

    @Test
    void componentExceptionWithoutAMessage_stillGetsItsAnswer() {
        Response response = mapper.toResponse(new AiobUnavailableException(null));

        assertEquals(503, response.getStatus());
        assertEquals("", json(response).getString("detail"));
    }

    @Test
    void webApplicationException_answersItsOwnResponse() {
        NotFoundException notFound = new NotFoundException();

        assertSame(notFound.getResponse(), mapper.toResponse(notFound));
    }

    @Test
    void anotherException_goesToTheApplicationsWiderMapper() {
        Response caught = Response.status(418).build();
        ExceptionMapper<Exception> wider = failure -> caught;
        mapper.providers = Stubs.answering(Providers.class, Map.of("getExceptionMapper", args -> wider));

        assertSame(caught, mapper.toResponse(new IllegalStateException("not ours")));
    }

    @Test
    void anotherException_withNoMapperAtAll_isLeftToTheServer() {
        mapper.providers = Stubs.answering(Providers.class, Map.of("getExceptionMapper", args -> null));
        IllegalStateException notOurs = new IllegalStateException("not ours");

        assertSame(notOurs, assertThrows(IllegalStateException.class, () -> mapper.toResponse(notOurs)));
    }

    private void assertAnswer(int status, String error, AiobException failure) {
        Response response = mapper.toResponse(new ProcessingException(failure));

        assertEquals(status, response.getStatus(), error);
        assertEquals(MediaType.APPLICATION_JSON_TYPE, response.getMediaType());
        assertEquals(Json.createObjectBuilder().add("error", error).add("detail", failure.getMessage()).build(),
                json(response));
    }

    private static JsonObject json(Response response) {
        return Json.createReader(new StringReader((String) response.getEntity())).readObject();
    }
}
