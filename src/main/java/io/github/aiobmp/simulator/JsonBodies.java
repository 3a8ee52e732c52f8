package io.github.aiobmp.simulator;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;

/**
 * Reads the simulator's JSON request bodies into its records, each through {@link StrictJson}. Each
 * method throws an {@code IllegalArgumentException} saying what is wrong with the body.
 */
final class JsonBodies {

    /** Thread-safe, and costly to create: one for the simulator, never closed (it holds only caches). */
    private static final Jsonb JSONB = JsonbBuilder.create();

    private JsonBodies() {
    }

    /**
     * Reads an AIOB API request as AIOB's own server would: fields it does not know are ignored, and
     * JSON-B converts what it can (a number given as a string, say).
     */
    static <T> T bind(byte[] body, Class<T> type) {
        JsonObject object = object(body);
        try {
            return JSONB.fromJson(object.toString(), type);
        } catch (JsonbException e) {
            throw new IllegalArgumentException("the body could not be read (" + e.getMessage() + ")");
        }
    }

    /**
     * Reads a control request exactly: every field must be one of {@code type}'s components (each a
     * {@code String}, {@code Boolean}, {@code Integer} or {@code Long}), of its type; a field given
     * {@code null} counts as not given.
     */
    static <T extends Record> T exactly(byte[] body, Class<T> type) {
        JsonObject object = object(body);
        RecordComponent[] components = type.getRecordComponents();
        Set<String> names = Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.toSet());
        for (String field : object.keySet()) {
            if (!names.contains(field)) {
                throw new IllegalArgumentException("unknown field '" + shortened(field) + "'; the fields are "
                        + names.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = value(components[i], object.get(components[i].getName()));
        }
        try {
            return type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new)).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot construct " + type.getSimpleName(), e);
        }
    }

    private static JsonObject object(byte[] body) {
        JsonValue value = StrictJson.read(body);
        if (!(value instanceof JsonObject object)) {
            throw new IllegalArgumentException("the body is JSON " + value.getValueType().name().toLowerCase(Locale.ROOT)
                    + "; expected an object");
        }
        return object;
    }

    private static Object value(RecordComponent component, JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        Class<?> type = component.getType();
        String field = component.getName();
        if (type == String.class && value instanceof JsonString text) {
            return text.getString();
        }
        if (type == Boolean.class && (value.getValueType() == JsonValue.ValueType.TRUE
                || value.getValueType() == JsonValue.ValueType.FALSE)) {
            return value.getValueType() == JsonValue.ValueType.TRUE;
        }
        if ((type == Integer.class || type == Long.class) && value instanceof JsonNumber number && number.isIntegral()
                && number.bigIntegerValue().bitLength() < (type == Integer.class ? 32 : 64)) {
            return type == Integer.class ? (Object) number.intValue() : (Object) number.longValue();
        }
        String expected = type == String.class ? "a string" : type == Boolean.class ? "true or false"
                : type == Integer.class || type == Long.class ? "a whole number" : null;
        if (expected == null) {
            throw new IllegalStateException(field + " is a " + type.getSimpleName() + ", which exactly() cannot read");
        }
        throw new IllegalArgumentException(field + " must be " + expected + ", was " + shortened(value.toString()));
    }

    /** What the caller sent, cut short: an answer never repeats a large input. */
    private static String shortened(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
