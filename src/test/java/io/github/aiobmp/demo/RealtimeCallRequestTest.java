package io.github.aiobmp.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Verifies that the demo reads a valid realtime call, and refuses every malformed body saying what is wrong. */
class RealtimeCallRequestTest {

    private static RealtimeCallRequest read(String body) {
        return RealtimeCallRequest.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void validCall_isRead() {
        assertEquals(new RealtimeCallRequest("robot-1", "13800000000", 2),
                read("{\"robotId\":\" robot-1 \",\"mobile\":\"13800000000\",\"secretType\":2}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''| the body is empty",
            "'   '| the body is empty",
            "{\"robotId\":| the body is not valid JSON",
            "not json| the body is not valid JSON",
            "[1,2]| the body is a JSON array; expected an object",
            "\"text\"| the body is a JSON string; expected an object",
            "{\"mobile\":\"138\",\"secretType\":2}| robotId is required",
            "{\"robotId\":null,\"mobile\":\"138\",\"secretType\":2}| robotId is required",
            "{\"robotId\":7,\"mobile\":\"138\",\"secretType\":2}| robotId must be a string, was a number",
            "{\"robotId\":\"  \",\"mobile\":\"138\",\"secretType\":2}| robotId must not be blank",
            "{\"robotId\":\"r\",\"secretType\":2}| mobile is required",
            "{\"robotId\":\"r\",\"mobile\":[\"138\"],\"secretType\":2}| mobile must be a string, was an array",
            "{\"robotId\":\"r\",\"mobile\":\"138\"}| secretType is required",
            "{\"robotId\":\"r\",\"mobile\":\"138\",\"secretType\":\"two\"}| secretType must be 1 (system-encrypted), 2 (plain) or 3 (custom), was a string",
            "{\"robotId\":\"r\",\"mobile\":\"138\",\"secretType\":2.5}| secretType must be 1 (system-encrypted), 2 (plain) or 3 (custom), was 2.5",
            "{\"robotId\":\"r\",\"mobile\":\"138\",\"secretType\":4}| was 4",
            "{\"robotId\":\"r\",\"mobile\":\"138\",\"secretType\":99999999999}| was 99999999999",
            "{\"robotId\":\"r\",\"mobile\":\"138\",\"secretType\":2,\"callerNum\":[]}| unknown field 'callerNum'",
            "{\"robotId\":\"r\",\"mobile\":\"138\",\"secretType\":2} xyz| the body goes on after its JSON value",
            "{\"robotId\":\"r1\",\"robotId\":\"r2\",\"mobile\":\"138\",\"secretType\":2}| Duplicate key 'robotId'",
    })
    void malformedBody_isRefused_sayingWhatIsWrong(String body, String expected) {
        RealtimeCallRequest.InvalidRequestException thrown = assertThrows(
                RealtimeCallRequest.InvalidRequestException.class, () -> read(body));

        assertTrue(thrown.getMessage().contains(expected), thrown.getMessage());
    }

    @Test
    void bytesThatAreNotUtf8_areRefused() {
        byte[] body = {'{', '"', 'r', 'o', 'b', 'o', 't', 'I', 'd', '"', ':', '"', 'r', (byte) 0xff, '"', '}'};

        RealtimeCallRequest.InvalidRequestException thrown = assertThrows(
                RealtimeCallRequest.InvalidRequestException.class,
                () -> RealtimeCallRequest.read(new ByteArrayInputStream(body)));

        assertTrue(thrown.getMessage().startsWith("the body is not valid UTF-8 (byte 0xff at offset 13)"),
                thrown.getMessage());
    }

    @Test
    void bodyOverTheCap_isRefusedBeforeItIsParsed() {
        String huge = "{\"robotId\":\"" + "r".repeat(RealtimeCallRequest.MAX_BODY_BYTES) + "\"}";

        RealtimeCallRequest.InvalidRequestException thrown = assertThrows(
                RealtimeCallRequest.InvalidRequestException.class, () -> read(huge));

        assertEquals("the body is larger than 16384 bytes", thrown.getMessage());
    }

    @Test
    void robotIdOverItsCap_isRefused_withoutEchoingIt() {
        String robotId = "r".repeat(RealtimeCallRequest.MAX_ROBOT_ID_CHARS + 1);

        RealtimeCallRequest.InvalidRequestException thrown = assertThrows(
                RealtimeCallRequest.InvalidRequestException.class,
                () -> read("{\"robotId\":\"" + robotId + "\",\"mobile\":\"138\",\"secretType\":2}"));

        assertEquals("robotId is longer than 128 characters", thrown.getMessage());
    }
}
