package io.github.aiobmp.simulator;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonConfig;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;

/**
 * Reads a request body as exactly one JSON value, refusing what lenient readers let through: bytes
 * that are not UTF-8 (a lenient decoder turns them into U+FFFD), a key given twice in one object
 * (JSON-P 2.1's {@link JsonConfig#KEY_STRATEGY} {@code NONE}; by default the last one wins), and
 * anything after the value (a {@link JsonReader} stops reading at its end). The simulator reads its
 * request bodies through it, and so does the demo. Not part of the AIOB API.
 */
public final class StrictJson {

    private static final JsonReaderFactory READERS = Json.createReaderFactory(
            Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));

    private StrictJson() {
    }

    /**
     * Reads {@code body} as one JSON value.
     *
     * @param body the request body's bytes, UTF-8
     * @return the value
     * @throws IllegalArgumentException saying what is wrong with the body, for an HTTP 400; its
     *                                  message starts with "the body"
     */
    public static JsonValue read(byte[] body) {
        String text = utf8(body);
        if (text.isBlank()) {
            throw new IllegalArgumentException("the body is empty");
        }
        JsonValue value;
        try (JsonReader reader = READERS.createReader(new StringReader(text))) {
            value = reader.readValue();
        } catch (JsonException e) { // a JsonParsingException too: a syntax error, or a key given twice
            throw new IllegalArgumentException("the body is not valid JSON (" + shortened(e.getMessage()) + ")");
        }
        requireNothingAfterTheValue(text);
        return value;
    }

    /** Decodes strictly: JSON is UTF-8 (RFC 8259), and a byte that is not is the caller's mistake to hear of. */
    private static String utf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new IllegalArgumentException(String.format("the body is not valid UTF-8 (byte 0x%02x at offset %d)",
                    body[in.position()] & 0xff, in.position()));
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** The text held one valid value (the reader read it); a second parser says whether more follows it. */
    private static void requireNothingAfterTheValue(String text) {
        try (JsonParser parser = Json.createParser(new StringReader(text))) {
            parser.next();
            parser.getValue();
            JsonLocation after = parser.getLocation();
            boolean more;
            try {
                more = parser.hasNext(); // Parsson throws here when anything but white space follows
            } catch (JsonParsingException e) {
                throw trailing(e.getLocation() == null ? after : e.getLocation());
            }
            if (more) {
                throw trailing(after);
            }
        }
    }

    /** JSON-P's message, which may quote a key of the body: an answer never repeats a large input. */
    private static String shortened(String message) {
        return message == null || message.length() <= 200 ? message : message.substring(0, 200) + "…";
    }

    private static IllegalArgumentException trailing(JsonLocation at) {
        return new IllegalArgumentException("the body goes on after its JSON value, at line " + at.getLineNumber()
                + ", column " + at.getColumnNumber());
    }
}
