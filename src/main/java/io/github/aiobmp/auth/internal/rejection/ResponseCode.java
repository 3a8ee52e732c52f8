package io.github.aiobmp.auth.internal.rejection;

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
 *
 * <p>Every successful AIOB answer passes through here, so {@link #code(byte[])} is a scan of the
 * bytes that stops at the top-level {@code code} (usually the first key) and allocates nothing; a
 * JSON parser, which costs microseconds and kilobytes per answer, reads {@link #msg(byte[])} only
 * for the rare answer that rejects the token.
 */
public final class ResponseCode {

    /** What {@link #code(byte[])} returns for a body without a top-level integral {@code code}. */
    public static final int NONE = Integer.MIN_VALUE;

    /** AIOB's envelope starts with its code; reading further would only cost memory on large pages. */
    static final int PEEK_LIMIT = 8 * 1024;

    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private ResponseCode() {
    }

    /**
     * Reads the start of the body (up to {@link #PEEK_LIMIT} bytes) and puts it back.
     *
     * @return the bytes read, or null when there is no body or it is not JSON
     */
    public static byte[] peek(ClientResponseContext response) throws IOException {
        if (!response.hasEntity() || !couldBeJson(response.getMediaType())) {
            return null;
        }
        // Content-Length, when known, sizes the buffer; one byte more tells whether the body ended.
        int length = response.getLength();
        int limit = length >= 0 && length < PEEK_LIMIT ? length + 1 : PEEK_LIMIT;
        InputStream body = response.getEntityStream();
        byte[] head = body.readNBytes(limit);
        response.setEntityStream(head.length < limit ? new ByteArrayInputStream(head)
                : new SequenceInputStream(new ByteArrayInputStream(head), body));
        return head;
    }

    /**
     * Returns the integral top-level {@code code} of the JSON object starting {@code json}, or
     * {@link #NONE}. A body cut off after the code still yields it.
     */
    public static int code(byte[] json) {
        int i = skipWhitespace(json, startOf(json));
        if (i >= json.length || json[i] != '{') {
            return NONE;
        }
        i++;
        while (true) {
            i = skipWhitespace(json, i);
            if (i >= json.length || json[i] != '"') {
                return NONE; // the end of the object, a cut, or not JSON
            }
            int keyEnd = skipString(json, i);
            if (keyEnd < 0) {
                return NONE;
            }
            boolean isCode = keyEnd - i == 6 && json[i + 1] == 'c' && json[i + 2] == 'o' && json[i + 3] == 'd'
                    && json[i + 4] == 'e';
            i = skipWhitespace(json, keyEnd);
            if (i >= json.length || json[i] != ':') {
                return NONE;
            }
            i = skipWhitespace(json, i + 1);
            if (isCode) {
                return integer(json, i);
            }
            i = skipValue(json, i);
            if (i < 0) {
                return NONE;
            }
            i = skipWhitespace(json, i);
            if (i >= json.length || json[i] != ',') {
                return NONE;
            }
            i++;
        }
    }

    /** Returns the top-level {@code msg} string, or null: parses as far as the bytes go. */
    public static String msg(byte[] json) {
        try (JsonParser parser = PARSERS.createParser(new ByteArrayInputStream(json))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                return null;
            }
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.END_OBJECT) {
                    return null;
                }
                if (event != JsonParser.Event.KEY_NAME) {
                    continue;
                }
                String key = parser.getString();
                JsonParser.Event value = parser.next();
                if (key.equals("msg") && value == JsonParser.Event.VALUE_STRING) {
                    return parser.getString();
                } else if (value == JsonParser.Event.START_OBJECT) {
                    parser.skipObject();
                } else if (value == JsonParser.Event.START_ARRAY) {
                    parser.skipArray();
                }
            }
        } catch (JsonException | NoSuchElementException | IllegalStateException e) {
            // not JSON, or cut off before the msg
        }
        return null;
    }

    /** Skips a UTF-8 byte order mark. */
    private static int startOf(byte[] json) {
        return json.length >= 3 && json[0] == (byte) 0xEF && json[1] == (byte) 0xBB && json[2] == (byte) 0xBF ? 3 : 0;
    }

    private static int skipWhitespace(byte[] json, int i) {
        while (i < json.length && isWhitespace(json[i])) {
            i++;
        }
        return i;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    /** Returns the index after the string starting at {@code i}, or -1 if it is cut off. */
    private static int skipString(byte[] json, int i) {
        for (int j = i + 1; j < json.length; j++) {
            if (json[j] == '\\') {
                j++;
            } else if (json[j] == '"') {
                return j + 1;
            }
        }
        return -1;
    }

    /** Returns the index after the value starting at {@code i}, or -1 if it is cut off or missing. */
    private static int skipValue(byte[] json, int i) {
        if (i >= json.length) {
            return -1;
        }
        if (json[i] == '"') {
            return skipString(json, i);
        }
        if (json[i] == '{' || json[i] == '[') {
            int depth = 0;
            for (int j = i; j < json.length; j++) {
                byte b = json[j];
                if (b == '"') {
                    j = skipString(json, j);
                    if (j < 0) {
                        return -1;
                    }
                    j--; // the loop steps past the closing quote
                } else if (b == '{' || b == '[') {
                    depth++;
                } else if ((b == '}' || b == ']') && --depth == 0) {
                    return j + 1;
                }
            }
            return -1;
        }
        int j = i; // a number, true, false or null
        while (j < json.length && json[j] != ',' && json[j] != '}' && json[j] != ']' && !isWhitespace(json[j])) {
            j++;
        }
        return j == i || j == json.length ? -1 : j;
    }

    /** Parses the JSON integer at {@code i}, or returns {@link #NONE} if it is not one that fits an int. */
    private static int integer(byte[] json, int i) {
        boolean negative = i < json.length && json[i] == '-';
        int start = negative ? i + 1 : i;
        long value = 0;
        int j = start;
        while (j < json.length && json[j] >= '0' && json[j] <= '9' && j - start < 10) {
            value = value * 10 + (json[j] - '0');
            j++;
        }
        boolean leadingZero = json.length > start + 1 && json[start] == '0' && j > start + 1;
        if (j == start || leadingZero || j >= json.length || !endsNumber(json[j])) {
            return NONE;
        }
        long signed = negative ? -value : value;
        return signed < Integer.MIN_VALUE + 1 || signed > Integer.MAX_VALUE ? NONE : (int) signed;
    }

    /** Whether {@code b} may follow an integer: not a fraction, exponent or more digits. */
    private static boolean endsNumber(byte b) {
        return b == ',' || b == '}' || isWhitespace(b);
    }

    private static boolean couldBeJson(MediaType type) {
        return type == null || type.getSubtype().equalsIgnoreCase("json") || type.getSubtype().endsWith("+json")
                || type.getType().equalsIgnoreCase("text");
    }
}
