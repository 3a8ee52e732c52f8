package io.github.aiobmp.demo;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import io.github.aiobmp.simulator.StrictJson;

/**
 * A realtime call: which robot dials which number; what the demo forwards to AIOB.
 *
 * @param secretType how {@code mobile} is given: 1 system-encrypted, 2 plain, 3 custom
 */
public record RealtimeCallRequest(String robotId, String mobile, Integer secretType) {

    /** Far more than a realtime call needs; a larger body is refused before it is parsed. */
    static final int MAX_BODY_BYTES = 16 * 1024;
    static final int MAX_ROBOT_ID_CHARS = 128;
    static final int MAX_MOBILE_CHARS = 256;
    private static final Set<String> FIELDS = Set.of("robotId", "mobile", "secretType");
    private static final String EXAMPLE = "{\"robotId\":\"…\",\"mobile\":\"13800000000\",\"secretType\":2}";

    /**
     * Reads and checks the demo's request body, strictly ({@link StrictJson}: UTF-8, each key once,
     * nothing after the value), so that nothing malformed is sent to AIOB.
     *
     * @throws InvalidRequestException saying what is wrong with it, for an HTTP 400
     */
    static RealtimeCallRequest read(InputStream body) {
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : body.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new InvalidRequestException("the body could not be read: " + e.getMessage());
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new InvalidRequestException("the body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        JsonValue value;
        try {
            value = StrictJson.read(bytes);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage() + "; expected a JSON object such as " + EXAMPLE);
        }
        if (!(value instanceof JsonObject call)) {
            throw new InvalidRequestException("the body is a JSON " + kind(value) + "; expected an object such as "
                    + EXAMPLE);
        }
        for (String field : call.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new InvalidRequestException("unknown field '" + abbreviated(field) + "': the demo takes robotId,"
                        + " mobile and secretType");
            }
        }
        return new RealtimeCallRequest(text(call, "robotId", MAX_ROBOT_ID_CHARS),
                text(call, "mobile", MAX_MOBILE_CHARS), secretType(call));
    }

    private static String text(JsonObject call, String field, int maxChars) {
        JsonValue value = call.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw new InvalidRequestException(field + " is required (a string)");
        }
        if (!(value instanceof JsonString string)) {
            throw new InvalidRequestException(field + " must be a string, was " + withArticle(kind(value)));
        }
        String text = string.getString().strip();
        if (text.isEmpty()) {
            throw new InvalidRequestException(field + " must not be blank");
        }
        if (text.length() > maxChars) {
            throw new InvalidRequestException(field + " is longer than " + maxChars + " characters");
        }
        return text;
    }

    private static int secretType(JsonObject call) {
        JsonValue value = call.get("secretType");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw new InvalidRequestException("secretType is required: 1 (system-encrypted), 2 (plain) or 3 (custom)");
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral()
                || number.bigIntegerValue().bitLength() > 31 || number.intValue() < 1 || number.intValue() > 3) {
            throw new InvalidRequestException("secretType must be 1 (system-encrypted), 2 (plain) or 3 (custom), was "
                    + (value instanceof JsonNumber ? abbreviated(value.toString()) : withArticle(kind(value))));
        }
        return number.intValue();
    }

    private static String kind(JsonValue value) {
        return switch (value.getValueType()) {
            case ARRAY -> "array";
            case OBJECT -> "object";
            case STRING -> "string";
            case NUMBER -> "number";
            case TRUE, FALSE -> "boolean";
            case NULL -> "null";
        };
    }

    private static String withArticle(String kind) {
        return (kind.equals("array") || kind.equals("object") ? "an " : "a ") + kind;
    }

    /** What the caller sent, cut short: an answer never repeats a large input. */
    private static String abbreviated(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    /** The request body is unusable; the message says why, for the caller. */
    static final class InvalidRequestException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        InvalidRequestException(String message) {
            super(message);
        }
    }
}
