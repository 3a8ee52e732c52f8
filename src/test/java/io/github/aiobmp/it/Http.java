package io.github.aiobmp.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/** Plain HTTP from the test JVM to the Liberty under test, as a user's client would call it. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private static final Jsonb JSONB = JsonbBuilder.create();

    private Http() {
    }

    static HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    static HttpResponse<String> post(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    static HttpResponse<String> put(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Parses a JSON object answer. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> json(HttpResponse<String> response) {
        return JSONB.fromJson(response.body(), Map.class);
    }

    /** Reads a JSON number (JSON-B gives BigDecimal) as an int. */
    static int intOf(Map<String, Object> json, String key) {
        return ((Number) json.get(key)).intValue();
    }

    /** Sends a request built by the caller, e.g. with headers of its own. */
    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads one sample of application {@code application}'s metric {@code name} whose labels hold
     * {@code label}, from the Liberty's /metrics in Prometheus text format.
     */
    static double metric(String application, String name, String label) {
        String body = get("http://localhost:9080/metrics?scope=application").body();
        Matcher sample = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} (\\S+)$").matcher(body);
        while (sample.find()) {
            String labels = sample.group(1);
            if (labels.contains("application=\"" + application + "\"") && labels.contains(label)) {
                return Double.parseDouble(sample.group(2));
            }
        }
        throw new AssertionError("no " + name + "{" + label + "} for " + application + " in:\n" + body);
    }
}
