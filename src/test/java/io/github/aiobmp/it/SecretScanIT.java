package io.github.aiobmp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.aiobmp.simulator.Malformation;

/**
 * Drives every flow (success, re-authentication, rejected credentials, a token rejected twice,
 * an unavailable and a garbage-answering token endpoint) with known credentials, with our own
 * loggers traced at the finest level, then scans everything the server wrote and every error
 * the caller saw for the access key, the secret key and every token issued.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecretScanIT {

    private static final String ACCESS_KEY = "scan-ak-4f1c9e";
    private static final String SECRET_KEY = "scan-sk-8d27b3a0e5";
    /** The longest a failed fetch is remembered here: short, so that the flows follow each other quickly. */
    private static final long BACKOFF_MAX_MILLIS = 100;
    /** A server configuration dropin, picked up and dropped while the server runs. */
    private static final Path TRACE_DROPIN = serverDir().resolve("configDropins/overrides/secret-scan-trace.xml");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.demoWithSimulator("secret-scan-it", Map.of(
                "aiob.access-key", ACCESS_KEY, "aiob.secret-key", SECRET_KEY,
                "aiob.simulator.access-key", ACCESS_KEY, "aiob.simulator.secret-key", SECRET_KEY,
                "aiob.token.reauth-min-interval", "0s",
                "aiob.token.failure-backoff-initial", "50ms",
                "aiob.token.failure-backoff-max", BACKOFF_MAX_MILLIS + "ms"));
    }

    @ArquillianResource
    URL app;

    private final List<String> seenByCaller = new ArrayList<>();
    private final Set<String> tokens = new LinkedHashSet<>();

    @BeforeAll
    static void traceOurLoggersAtTheFinestLevel() throws Exception {
        Files.createDirectories(TRACE_DROPIN.getParent());
        long updates = configurationUpdates();
        Files.writeString(TRACE_DROPIN, "<server><logging traceSpecification=\"*=info:io.github.aiobmp.*=all\"/></server>");
        awaitConfigurationUpdateAfter(updates);
    }

    @AfterAll
    static void stopTracing() throws Exception {
        long updates = configurationUpdates();
        Files.deleteIfExists(TRACE_DROPIN);
        awaitConfigurationUpdateAfter(updates);
    }

    @Test
    void noSecretOrTokenInAnyLogOrErrorAfterEveryFlow() throws Exception {
        assertEquals(200, call().statusCode(), "success");
        reauthenticate("HTTP_401");
        reauthenticate("CODE_401");
        faults("{\"rejectApiRequests\":2}");
        assertEquals(502, call().statusCode(), "rejected twice");
        collectTokensAndReset();

        failNextFetchWith("{\"accessKey\":\"scan-other-ak\",\"secretKey\":\"scan-other-sk\"}", 502);
        failNextFetchWith("{\"failTokenRequests\":3,\"failStatus\":503}", 503);
        for (Malformation kind : Malformation.values()) {
            failNextFetchWith("{\"malformTokenResponses\":1,\"malformation\":\"" + kind + "\"}", 502);
        }
        outwaitTheBackoff();
        assertEquals(200, call().statusCode(), "recovered");
        seenByCaller.add(Http.get(app + "demo/token").body());
        collectTokensAndReset();

        Path logs = serverDir().resolve("logs");
        assertTrue(read(logs.resolve("trace.log")).contains("io.github.aiobmp"), "our loggers were not traced");
        // 4 good tokens (first, two re-authentications, one before the second rejection), 4 in broken answers
        assertTrue(tokens.size() >= 8, "tokens issued: " + tokens.size());
        List<String> leaks = new ArrayList<>();
        for (String secret : secrets()) {
            try (Stream<Path> files = Files.walk(logs)) {
                files.filter(Files::isRegularFile).filter(file -> read(file).contains(secret))
                        .forEach(file -> leaks.add(label(secret) + " in " + logs.relativize(file)));
            }
            seenByCaller.stream().filter(text -> text.contains(secret))
                    .forEach(text -> leaks.add(label(secret) + " in an answer: " + text.replace(secret, "<here>")));
        }
        assertEquals(List.of(), leaks);
    }

    /** Revokes the token, so that the next call is rejected, re-authenticates and succeeds. */
    private void reauthenticate(String style) {
        faults("{\"authFailureStyle\":\"" + style + "\"}");
        Http.post(app + "aiob-simulator/control/revoke-all", "");
        assertEquals(200, call().statusCode(), "re-authenticated after " + style);
    }

    /** Revokes the token, breaks getToken as {@code faults} says, and expects the call to fail. */
    private void failNextFetchWith(String faults, int status) throws InterruptedException {
        outwaitTheBackoff();
        faults(faults);
        Http.post(app + "aiob-simulator/control/revoke-all", "");
        HttpResponse<String> response = call();
        assertEquals(status, response.statusCode(), faults + ": " + response.body());
        collectTokensAndReset();
    }

    /** A failed fetch is remembered at most {@link #BACKOFF_MAX_MILLIS}: the next break needs a new fetch. */
    private static void outwaitTheBackoff() throws InterruptedException {
        Thread.sleep(BACKOFF_MAX_MILLIS + 50);
    }

    /** Liberty's CWWKG0017I lines so far: one per configuration update it applied. */
    private static long configurationUpdates() throws IOException {
        Path messages = serverDir().resolve("logs/messages.log");
        if (!Files.exists(messages)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(messages, StandardCharsets.ISO_8859_1)) {
            return lines.filter(line -> line.contains("CWWKG0017I")).count();
        }
    }

    /** Waits (at most 30 s) until the server says it applied a configuration change. */
    private static void awaitConfigurationUpdateAfter(long updates) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (configurationUpdates() <= updates) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server did not apply the trace dropin within 30 s");
            }
            Thread.sleep(50);
        }
    }

    private HttpResponse<String> call() {
        HttpResponse<String> response = Http.post(app + "demo/realtime-call", DemoIT.CALL);
        seenByCaller.add(response.body());
        return response;
    }

    private void faults(String json) {
        assertEquals(204, Http.put(app + "aiob-simulator/control/faults", json).statusCode(), json);
    }

    /** The simulator forgets its tokens on reset: note them first. */
    private void collectTokensAndReset() {
        Map<String, Object> stats = Http.json(Http.get(app + "aiob-simulator/control/stats"));
        for (Object token : (List<?>) stats.get("issuedTokens")) {
            tokens.add((String) token);
        }
        Http.post(app + "aiob-simulator/control/reset", "");
    }

    private List<String> secrets() {
        List<String> all = new ArrayList<>(List.of(ACCESS_KEY, SECRET_KEY));
        all.addAll(tokens);
        return all;
    }

    private static String label(String secret) {
        return secret.equals(ACCESS_KEY) ? "the access key" : secret.equals(SECRET_KEY) ? "the secret key"
                : "a token";
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path serverDir() {
        return Path.of(System.getProperty("arquillian.wlp.home"), "usr", "servers", "defaultServer");
    }
}
