package io.github.aiobmp.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Map;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.junit.jupiter.api.Test;

import io.github.aiobmp.auth.Stubs;

/** Verifies without a server that the simulator answers its failures as JSON: control's own shape, AIOB's elsewhere. */
class SimulatorErrorsTest {

    private static Response answer(String path, Exception failure) {
        SimulatorErrors mapper = new SimulatorErrors();
        mapper.uri = Stubs.answering(UriInfo.class, Map.of("getPath", args -> path));
        Response response = mapper.toResponse(failure);
        assertEquals(MediaType.APPLICATION_JSON_TYPE, response.getMediaType());
        return response;
    }

    @Test
    void controlRefusal_isAControlError_keepingItsStatusAndAllow() {
        Response response = answer("/control/faults", new NotAllowedException(Response.status(405).allow("PUT", "OPTIONS").build()));

        assertEquals(405, response.getStatus());
        assertEquals(new ControlError("this endpoint takes PUT"), response.getEntity());
        assertEquals(java.util.Set.of("PUT", "OPTIONS"), response.getAllowedMethods());
        assertEquals(new ControlError("no such endpoint; " + SimulatorErrors.CONTROL_ENDPOINTS),
                answer("control/nope", new NotFoundException()).getEntity());
    }

    @Test
    void apiRefusal_isAiobsEnvelope_withTheStatusAsItsCode() {
        Response response = answer("/api/v2/nope", new NotFoundException());

        assertEquals(404, response.getStatus());
        Envelope envelope = assertInstanceOf(Envelope.class, response.getEntity());
        assertEquals(404, envelope.code());
        assertEquals("no such endpoint; " + SimulatorErrors.API_ENDPOINTS, envelope.msg());
    }

    @Test
    void anythingElse_is500_pointingToTheLog() {
        Response response = answer("control/faults", new IllegalStateException("internals"));

        assertEquals(500, response.getStatus());
        assertEquals(new ControlError("the simulator failed; the server's log says why"), response.getEntity());
    }
}
