package io.github.aiobmp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Verifies that only an envelope's own top-level code and msg are read, however the body looks. */
class ResponseCodeTest {

    private static ResponseCode parse(String body) {
        return ResponseCode.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void envelope_givesItsCodeAndMsg() {
        assertEquals(new ResponseCode(401, "token invalid"),
                parse("{\"time\":1,\"code\":401,\"msg\":\"token invalid\",\"data\":null}"));
    }

    @Test
    void nestedCodes_areNotTheEnvelopes() {
        assertEquals(new ResponseCode(200, "OK"),
                parse("{\"data\":{\"code\":401,\"list\":[{\"code\":401}]},\"code\":200,\"msg\":\"OK\"}"));
        assertNull(parse("{\"data\":{\"code\":401}}"));
    }

    @Test
    void bodyCutOffAfterTheCode_stillGivesTheCode() {
        assertEquals(new ResponseCode(401, null), parse("{\"code\":401,\"data\":{\"list\":[{\"robotId\":\"r1\",\"ro"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"<html><body>401 Unauthorized</body></html>", "", "[{\"code\":401}]", "\"code\"",
            "{\"code\":\"401\"}", "{\"code\":401.5}", "{\"cod"})
    void notAnEnvelopeWithANumericCode_givesNull(String body) {
        assertNull(parse(body));
    }
}
