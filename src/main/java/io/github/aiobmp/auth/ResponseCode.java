package io.github.aiobmp.auth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Map;
import java.util.NoSuchElementException;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.core.MediaType;

/**
 * The top-level {@code code} and {@code msg} of an AIOB envelope, read from the start of a
 * response body without consuming it: AIOB signals most errors, perhaps a rejected token too,
 * in an HTTP 200 body.
 */
record ResponseCode(int code, String msg) {

    /** AIOB's envelope starts with its code; reading further would only cost memory on large pages. */
    static final int PEEK_LIMIT = 8 * 1024;

    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    /**
     * Reads the start of the body, puts it back, and returns its top-level {@code code} and
     * {@code msg}; null when the body is not JSON or has no numeric {@code code} near its start.
     */
    static ResponseCode peek(ClientResponseContext response) throws IOException {
        if (!response.hasEntity() || !couldBeJson(response.getMediaType())) {
            return null;
        }
        InputStream body = response.getEntityStream();
        byte[] head = body.readNBytes(PEEK_LIMIT);
        response.setEntityStream(head.length < PEEK_LIMIT ? new ByteArrayInputStream(head)
                : new SequenceInputStream(new ByteArrayInputStream(head), body));
        return parse(head);
    }

    /** Parses as far as the bytes go; a body cut at {@link #PEEK_LIMIT} still yields what came before. */
    static ResponseCode parse(byte[] head) {
        Integer code = null;
        String msg = null;
        try (JsonParser parser = PARSERS.createParser(new ByteArrayInputStream(head))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                return null;
            }
            while (parser.hasNext() && (code == null || msg == null)) {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.END_OBJECT) {
                    break;
                }
                if (event != JsonParser.Event.KEY_NAME) {
                    continue;
                }
                String key = parser.getString();
                JsonParser.Event value = parser.next();
                if (key.equals("code") && value == JsonParser.Event.VALUE_NUMBER && parser.isIntegralNumber()) {
                    code = parser.getInt();
                } else if (key.equals("msg") && value == JsonParser.Event.VALUE_STRING) {
                    msg = parser.getString();
                } else if (value == JsonParser.Event.START_OBJECT) {
                    parser.skipObject();
                } else if (value == JsonParser.Event.START_ARRAY) {
                    parser.skipArray();
                }
            }
        } catch (JsonException | NoSuchElementException | IllegalStateException e) {
            // not JSON, or cut off: keep what was read
        }
        return code == null ? null : new ResponseCode(code, msg);
    }

    private static boolean couldBeJson(MediaType type) {
        return type == null || type.getSubtype().equalsIgnoreCase("json") || type.getSubtype().endsWith("+json")
                || type.getType().equalsIgnoreCase("text");
    }
}
