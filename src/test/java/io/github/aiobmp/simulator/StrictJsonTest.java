package io.github.aiobmp.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import jakarta.json.Json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Verifies that a body is read as one JSON value, and that what lenient readers let through is refused, naming it. */
class StrictJsonTest {

    private static String refusal(byte[] body) {
        return assertThrows(IllegalArgumentException.class, () -> StrictJson.read(body)).getMessage();
    }

    private static String refusal(String body) {
        return refusal(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void oneValue_withWhiteSpaceAround_isRead() {
        assertEquals(Json.createObjectBuilder().add("robotId", "机器人-1").add("n", 2).build(),
                StrictJson.read(" \n{\"robotId\":\"机器人-1\",\"n\":2}\r\n\t".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Json.createValue("x"), StrictJson.read("\"x\"".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void whatFollowsTheValue_isPlaced_byLine() {
        assertEquals("the body goes on after its JSON value, at line 2, column 1", refusal("{}\n,"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"robotId\":\"r1\",\"robotId\":\"r2\"}",
            "{\"call\":{\"robotId\":\"r1\",\"robotId\":\"r1\"}}",
            "[{\"robotId\":1,\"robotId\":2}]",
    })
    void aKeyGivenTwiceInOneObject_isRefused_namingIt(String body) {
        assertEquals("the body is not valid JSON (Duplicate key 'robotId' is not allowed)", refusal(body));
    }

    @Test
    void theSameKeyInTwoObjects_isNoDuplicate() {
        assertEquals(2, StrictJson.read("[{\"a\":1},{\"a\":2}]".getBytes(StandardCharsets.UTF_8)).asJsonArray().size());
    }

    @Test
    void bytesThatAreNotUtf8_areRefused_sayingWhichAndWhere() {
        byte[] lone = {'"', 'r', (byte) 0xff, '"'};
        byte[] truncated = {'"', 'r', (byte) 0xe6, (byte) 0x9c, '"'};
        byte[] overlong = {'"', (byte) 0xc0, (byte) 0xaf, '"'};
        byte[] latin1 = "{\"robotId\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

        assertEquals("the body is not valid UTF-8 (byte 0xff at offset 2)", refusal(lone));
        assertEquals("the body is not valid UTF-8 (byte 0xe6 at offset 2)", refusal(truncated));
        assertEquals("the body is not valid UTF-8 (byte 0xc0 at offset 1)", refusal(overlong));
        assertEquals("the body is not valid UTF-8 (byte 0xe9 at offset 15)", refusal(latin1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"robotId\":\"r1\"} xyz| the body goes on after its JSON value, at line 1, column",
            "{\"robotId\":\"r1\"}{}| the body goes on after its JSON value",
            "[1] [2]| the body goes on after its JSON value",
            "\"x\" 1| the body goes on after its JSON value",
            "''| the body is empty",
            "'  \t '| the body is empty",
            "nope| the body is not valid JSON (",
            "{\"robotId\":| the body is not valid JSON (",
            "{\"robotId\":\"r1\",}| the body is not valid JSON (",
    })
    void anythingAfterTheValue_anEmptyBody_orOneThatIsNotJson_isRefused(String body, String expected) {
        String message = refusal(body);

        assertTrue(message.startsWith(expected), message);
    }
}
