package io.github.aiobmp.auth.internal.rejection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseCodeTest {

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static int code(String body) {
        return ResponseCode.code(bytes(body));
    }

    @Test
    void envelope_givesItsCodeAndMsg() {
        String body = "{\"time\":1,\"code\":401,\"msg\":\"token invalid\",\"data\":null}";
        assertEquals(401, code(body));
        assertEquals("token invalid", ResponseCode.msg(bytes(body)));
    }

    @Test
    void codeAfterOtherValues_isFound() {
        assertEquals(200, code(" \r\n{ \"data\" : {\"code\":401,\"list\":[{\"code\":401},\"}\",[1,2]]},"
                + " \"flag\":true, \"n\":-1.5e3, \"none\":null, \"s\":\"a\\\"b\\\\\", \"code\" : 200 , \"msg\":\"OK\"}"));
        assertEquals(-7, code("{\"code\":-7}"));
        assertEquals(0, code("{\"code\":0}"));
    }

    @Test
    void nestedCodes_areNotTheEnvelopes() {
        assertEquals(200, code("{\"data\":{\"code\":401,\"list\":[{\"code\":401}]},\"code\":200,\"msg\":\"OK\"}"));
        assertEquals(ResponseCode.NONE, code("{\"data\":{\"code\":401}}"));
        assertEquals(ResponseCode.NONE, code("{\"data\":\"{\\\"code\\\":401\"}"));
    }

    @Test
    void msgWithEscapes_isDecoded() {
        assertEquals("令牌 \"无效\"\n", ResponseCode.msg(bytes("{\"code\":401,\"msg\":\"\\u4ee4\\u724c \\\"无效\\\"\\n\"}")));
    }

    @Test
    void bodyCutOffAfterTheCode_stillGivesTheCode() {
        String body = "{\"code\":401,\"data\":{\"list\":[{\"robotId\":\"r1\",\"ro";
        assertEquals(401, code(body));
        assertNull(ResponseCode.msg(bytes(body)));
    }

    @Test
    void byteOrderMark_isSkipped() {
        byte[] body = bytes("\uFEFF{\"code\":401}");
        assertEquals(401, ResponseCode.code(body));
    }

    @ParameterizedTest
    @ValueSource(strings = {"<html><body>401 Unauthorized</body></html>", "", "[{\"code\":401}]", "\"code\"",
            "{\"code\":\"401\"}", "{\"code\":401.5}", "{\"code\":4e2}", "{\"code\":0401}", "{\"code\":401",
            "{\"code\":99999999999}", "{\"code\":-}", "{\"cod", "{\"code\"401}", "{\"a\":1 \"code\":401}",
            "{\"a\":{\"b\":1,\"code\":401}", "{\"a\":\"x,\"code\":401}", "{}", "{\"codex\":401}", "{\"cod\":401}"})
    void notAnEnvelopeWithAnIntegralCode_givesNone(String body) {
        assertEquals(ResponseCode.NONE, code(body));
    }
}
