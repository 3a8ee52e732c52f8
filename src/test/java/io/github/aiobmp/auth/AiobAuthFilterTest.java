package io.github.aiobmp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.ws.rs.GET;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.aiobmp.auth.internal.cache.TokenGrant;
import io.github.aiobmp.auth.internal.settings.AiobSettings;
import io.github.aiobmp.auth.internal.settings.StubConfig;
import io.github.aiobmp.auth.internal.wiring.Wiring;

/**
 * Verifies both halves of AiobAuthFilter without a server: the raw token goes to AIOB's origin
 * only, a miss is said once, plain HTTP off loopback is refused, and AIOB's refusals (HTTP 401, a
 * body code, a redirect) become typed exceptions that say what became of the token.
 */
class AiobAuthFilterTest {

    private static final URI AIOB = URI.create("http://localhost:9080/aiob-simulator/api/v1/robot/list");

    private final AtomicInteger fetches = new AtomicInteger();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Logger filterLog = Logger.getLogger(AiobAuthFilter.class.getName());
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel() == Level.WARNING) {
                warnings.add(MessageFormat.format(record.getMessage(), record.getParameters()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** An AIOB client interface, for the method MicroProfile Rest Client names to its filters. */
    interface RobotsClient {
        @GET
        String robots();
    }

    private AiobTokenProvider provider(Map<String, String> config) {
        AiobSettings settings = AiobSettings.from(new StubConfig(config));
        filterLog.addHandler(recorder);
        return new AiobTokenProvider(Wiring.of(settings,
                () -> new TokenGrant("token-" + fetches.incrementAndGet(), Duration.ofMinutes(60)), Runnable::run,
                (task, delay) -> new CompletableFuture<>(), TokenEvents.NONE));
    }

    private AiobTokenProvider provider() {
        return provider(Map.of(AiobConfigKeys.URL, "http://localhost:9080/aiob-simulator"));
    }

    @AfterEach
    void stopRecording() {
        filterLog.removeHandler(recorder);
    }

    @Test
    void requestToAiobsOrigin_getsTheRawToken_andRemembersWhichWent() {
        AiobAuthFilter filter = new AiobAuthFilter(provider());
        FakeRequestContext request = new FakeRequestContext("GET", AIOB, null);

        filter.filter(request);

        assertEquals("Authorization", request.lastHeaderName());
        assertEquals("token-1", request.lastHeaderValue(), "raw, no Bearer");
        assertEquals(1, fetches.get());
    }

    @Test
    void requestElsewhere_getsNothing_fetchesNothing_andIsSaidOncePerClientAndOrigin() throws Exception {
        AiobAuthFilter filter = new AiobAuthFilter(provider());
        URI elsewhere = URI.create("http://127.0.0.1:9080/aiob-simulator/api/v1/robot/list?mobile=13800000000");

        for (int i = 0; i < 3; i++) {
            FakeRequestContext request = new FakeRequestContext("GET", elsewhere,
                    RobotsClient.class.getMethod("robots"));
            filter.filter(request);
            assertNull(request.lastHeaderValue());
        }
        filter.filter(new FakeRequestContext("GET", elsewhere, null));

        assertEquals(0, fetches.get());
        assertEquals(2, warnings.size(), "once for the interface, once for the plain client: " + warnings);
        assertEquals("AiobAuthFilter attached no AIOB token to RobotsClient.robots on http://127.0.0.1:9080: it is"
                + " not where tokens may go (aiob.url http://localhost:9080; aiob.allowed-hosts none). If this client"
                + " calls AIOB, derive its URL from aiob.url (<configKey>/mp-rest/url=${aiob.url}), or add"
                + " 127.0.0.1:9080 to aiob.allowed-hosts; otherwise remove the filter from it. Said once per client"
                + " and origin", warnings.get(0));
        assertTrue(warnings.get(1).startsWith("AiobAuthFilter attached no AIOB token to GET on http://127.0.0.1:9080"),
                warnings.get(1));
        warnings.forEach(line -> assertTrue(!line.contains("13800000000") && !line.contains("/robot/list"), line));
    }

    @Test
    void plainHttpToAnAllowedHostOffLoopback_isRefusedBeforeAnythingIsSent() {
        AiobAuthFilter filter = new AiobAuthFilter(provider(Map.of(AiobConfigKeys.URL, "https://aiob-open.baidu.com",
                AiobConfigKeys.ALLOWED_HOSTS, "gateway.example")));

        AiobConfigurationException thrown = assertThrows(AiobConfigurationException.class,
                () -> filter.filter(new FakeRequestContext("GET", URI.create("http://gateway.example/api"), null)));

        assertTrue(thrown.getMessage().contains("aiob.allow-plain-http"), thrown.getMessage());
        assertEquals(0, fetches.get());
    }

    @Test
    void http401_dropsTheToken_andSaysSo_andASecondCallerOnTheSameTokenIsToldItWasAlreadyReplaced()
            throws Exception {
        AiobTokenProvider tokens = provider();
        AiobAuthFilter filter = new AiobAuthFilter(tokens);
        FakeRequestContext first = sent(filter);
        FakeRequestContext second = sent(filter);

        AiobTokenRejectedException dropped = assertThrows(AiobTokenRejectedException.class,
                () -> filter.filter(first, FakeResponseContext.json(401, "{\"code\":401,\"msg\":\"token revoked\"}")));
        AiobTokenRejectedException replaced = assertThrows(AiobTokenRejectedException.class,
                () -> filter.filter(second, FakeResponseContext.json(401, "{}")));

        assertEquals(TokenInvalidation.DROPPED, dropped.outcome());
        assertEquals(401, dropped.httpStatus());
        assertNull(dropped.code(), "rejected by status");
        assertTrue(dropped.getMessage().contains("GET /aiob-simulator/api/v1/robot/list: HTTP 401; it was dropped"),
                dropped.getMessage());
        assertEquals(TokenInvalidation.ALREADY_REPLACED, replaced.outcome());
        assertTrue(replaced.getMessage().contains("it had already been replaced"), replaced.getMessage());
        assertEquals(TokenState.NONE, tokens.status().state(), "dropped once, not fetched again by the filter");
    }

    @Test
    void code401InAnHttp200Body_isARejection_withAiobsMsgWithoutTheToken_andTheBodyIsLeftReadable()
            throws Exception {
        AiobAuthFilter filter = new AiobAuthFilter(provider());
        FakeRequestContext request = sent(filter);
        String body = "{\"time\":1,\"code\":401,\"msg\":\"token token-1 expired\"}";
        FakeResponseContext answer = FakeResponseContext.json(200, body);

        AiobTokenRejectedException thrown = assertThrows(AiobTokenRejectedException.class,
                () -> filter.filter(request, answer));

        assertEquals(401, thrown.code());
        assertEquals("token *** expired", thrown.aiobMessage());
        assertTrue(!thrown.getMessage().contains("token-1"), thrown.getMessage());
        assertEquals(body, answer.remainingBody());
    }

    @Test
    void success_passesThrough_withItsBodyUnread() throws Exception {
        AiobTokenProvider tokens = provider();
        AiobAuthFilter filter = new AiobAuthFilter(tokens);
        FakeRequestContext request = sent(filter);
        FakeResponseContext answer = FakeResponseContext.json(200, FakeResponseContext.REALTIME_CALL_ANSWER);

        filter.filter(request, answer);

        assertEquals(FakeResponseContext.REALTIME_CALL_ANSWER, answer.remainingBody());
        assertEquals(TokenState.FRESH, tokens.status().state(), "nothing dropped");
    }

    @Test
    void configuredRejectionCode_counts_andOthersDoNot() throws Exception {
        AiobAuthFilter filter = new AiobAuthFilter(provider(Map.of(AiobConfigKeys.URL,
                "http://localhost:9080/aiob-simulator", AiobConfigKeys.REJECTION_CODES, "40001")));

        assertThrows(AiobTokenRejectedException.class,
                () -> filter.filter(sent(filter), FakeResponseContext.json(200, "{\"code\":40001}")));
        filter.filter(sent(filter), FakeResponseContext.json(200, "{\"code\":401}"));
    }

    @Test
    void redirect_isABadAnswerNamingWhereItLeads() {
        AiobAuthFilter filter = new AiobAuthFilter(provider());

        AiobBadResponseException moved = assertThrows(AiobBadResponseException.class, () -> filter.filter(
                sent(filter), FakeResponseContext.redirect(302, URI.create("https://moved.example/api"))));
        AiobBadResponseException nowhere = assertThrows(AiobBadResponseException.class,
                () -> filter.filter(sent(filter), FakeResponseContext.redirect(301, null)));

        assertTrue(moved.getMessage().contains("HTTP 302") && moved.getMessage().contains("moved.example"),
                moved.getMessage());
        assertTrue(nowhere.getMessage().contains("nowhere (no Location)"), nowhere.getMessage());
    }

    @Test
    void answerToARequestThatCarriedNoToken_isLeftAlone() throws Exception {
        AiobAuthFilter filter = new AiobAuthFilter(provider());
        FakeRequestContext elsewhere = new FakeRequestContext("GET", URI.create("http://127.0.0.1:1/x"), null);
        filter.filter(elsewhere);

        filter.filter(elsewhere, FakeResponseContext.json(401, "{\"code\":401}"));

        assertEquals(0, fetches.get());
    }

    @Test
    void theFaultToleranceKeys_nameTokenFetcher_asUsersSetThem() {
        assertEquals(TokenFetcher.class.getName() + "/fetch/Timeout/value",
                io.github.aiobmp.auth.internal.gettoken.AttemptTimeout.KEY);
    }

    /** A request to AIOB that the filter has given its token. */
    private static FakeRequestContext sent(AiobAuthFilter filter) {
        FakeRequestContext request = new FakeRequestContext("GET", AIOB, null);
        filter.filter(request);
        return request;
    }
}
