package io.github.aiobmp.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import io.github.aiobmp.auth.AiobUnavailableException;

/** Verifies without a server that the demo's one mapper answers every failure with {"error", "detail"}. */
class DemoErrorsTest {

    private final DemoErrors mapper = new DemoErrors();

    @Test
    void theServersRefusals_keepTheirStatusAndHeaders_andSayWhatToSend() {
        assertAnswer(404, new ErrorBody("Not Found", "no such endpoint; " + DemoErrors.ENDPOINTS), new NotFoundException());
        assertAnswer(406, new ErrorBody("Not Acceptable", "the answer is JSON: accept application/json"),
                new NotAcceptableException());
        assertAnswer(415, new ErrorBody("Unsupported Media Type",
                "send the body as JSON, with Content-Type: application/json"), new NotSupportedException());

        Response notAllowed = assertAnswer(405, new ErrorBody("Method Not Allowed", "this endpoint takes POST"),
                new NotAllowedException(Response.status(405).allow("POST", "OPTIONS").build()));
        assertEquals(java.util.Set.of("POST", "OPTIONS"), notAllowed.getAllowedMethods());
    }

    @Test
    void theComponentsFailure_isAnsweredByItsMapper() {
        Response response = mapper.toResponse(new ProcessingException(new AiobUnavailableException("No AIOB token")));

        assertEquals(503, response.getStatus());
        assertEquals("{\"error\":\"No AIOB token in time\",\"detail\":\"No AIOB token\"}", response.getEntity());
    }

    @Test
    void anythingElse_is500_pointingToTheLog_withoutTheExceptionsText() {
        assertAnswer(500, new ErrorBody("The demo failed", "the server's log says why"),
                new IllegalStateException("secret internals"));
    }

    private Response assertAnswer(int status, ErrorBody body, Exception failure) {
        Response response = mapper.toResponse(failure);

        assertEquals(status, response.getStatus());
        assertEquals(MediaType.APPLICATION_JSON_TYPE, response.getMediaType());
        assertEquals(body, response.getEntity());
        return response;
    }
}
