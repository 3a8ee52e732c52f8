package io.github.aiobmp.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Verifies how the simulator reads its bodies: AIOB's requests as AIOB would, control requests exactly. */
class JsonBodiesTest {

    private static byte[] utf8(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static String refusal(String body) {
        return assertThrows(IllegalArgumentException.class,
                () -> JsonBodies.exactly(utf8(body), FaultSettings.class)).getMessage();
    }

    @Test
    void controlBody_isReadField_byField() {
        FaultSettings settings = JsonBodies.exactly(utf8("{\"failTokenRequests\":3,\"tokenDelayMillis\":1500,"
                + "\"newTokenRevokesOlder\":false,\"malformation\":\"HTML_PAGE\",\"failStatus\":null}"), FaultSettings.class);

        assertEquals(3, settings.failTokenRequests());
        assertEquals(1500L, settings.tokenDelayMillis());
        assertEquals(false, settings.newTokenRevokesOlder());
        assertEquals("HTML_PAGE", settings.malformation());
        assertEquals(null, settings.failStatus(), "null counts as not given");
    }

    @Test
    void unknownOrMisspelledField_isRefused_namingIt_andTheFieldsThereAre() {
        String message = refusal("{\"failTokenRequest\":3}");

        assertTrue(message.startsWith("unknown field 'failTokenRequest'; the fields are accessKey, apiDelayMillis,"),
                message);
        assertTrue(message.contains(", failTokenRequests, "), message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"failTokenRequests\":\"3\"}| failTokenRequests must be a whole number, was \"3\"",
            "{\"failTokenRequests\":1.5}| failTokenRequests must be a whole number, was 1.5",
            "{\"failTokenRequests\":2147483648}| failTokenRequests must be a whole number, was 2147483648",
            "{\"tokenDelayMillis\":9223372036854775808}| tokenDelayMillis must be a whole number, was 9223372036854775808",
            "{\"newTokenRevokesOlder\":\"yes\"}| newTokenRevokesOlder must be true or false, was \"yes\"",
            "{\"accessKey\":7}| accessKey must be a string, was 7",
            "{\"malformation\":[\"HTML_PAGE\"]}| malformation must be a string, was [\"HTML_PAGE\"]",
            "[]| the body is JSON array; expected an object",
            "null| the body is JSON null; expected an object",
            "{\"failTokenRequests\":1} x| the body goes on after its JSON value",
    })
    void controlFieldOfTheWrongType_orABodyThatIsNoObject_isRefused(String body, String expected) {
        String message = refusal(body);

        assertTrue(message.startsWith(expected), message);
    }

    @Test
    void apiBody_ignoresFieldsItDoesNotKnow_asAiobDoes() {
        TokenRequest request = JsonBodies.bind(utf8("{\"accessKey\":\"ak\",\"secretKey\":\"sk\",\"extra\":[1]}"),
                TokenRequest.class);

        assertEquals(new TokenRequest("ak", "sk"), request);
    }

    @Test
    void apiBody_isReadStrictly_too() {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> JsonBodies.bind(utf8("{\"accessKey\":\"ak\",\"accessKey\":\"other\"}"), TokenRequest.class));

        assertEquals("the body is not valid JSON (Duplicate key 'accessKey' is not allowed)", thrown.getMessage());
    }
}
