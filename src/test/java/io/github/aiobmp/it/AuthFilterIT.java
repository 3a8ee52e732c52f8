package io.github.aiobmp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.text.MessageFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.aiobmp.auth.AiobAuthFilter;
import io.github.aiobmp.auth.AiobTokenProvider;
import io.github.aiobmp.simulator.AiobSimulator;
import io.github.aiobmp.simulator.RecordedRequest;

/**
 * Verifies that the filter, however it is registered, sends exactly the raw token to AIOB and
 * nothing to any other destination.
 */
@ExtendWith(ArquillianExtension.class)
class AuthFilterIT {

    private static final String NAME = "filter-it";
    private static final String AIOB_URL = "http://localhost:9080/" + NAME + "/aiob-simulator";
    /** The same simulator, but through a host name that is not aiob.url's. */
    private static final String OTHER_HOST_URL = "http://127.0.0.1:9080/" + NAME + "/aiob-simulator";

    @Deployment
    static WebArchive deployment() {
        return Deployments.componentWithSimulator(NAME, Map.of(
                "robots/mp-rest/url", AIOB_URL,
                "robots-by-config/mp-rest/url", AIOB_URL,
                "robots-by-config/mp-rest/providers", AiobAuthFilter.class.getName()))
                .addClasses(RobotListClient.class, PlainRobotListClient.class);
    }

    @Inject
    AiobTokenProvider tokens;

    @Inject
    AiobSimulator simulator;

    @Inject
    @RestClient
    RobotListClient annotated;

    @Inject
    @RestClient
    PlainRobotListClient configured;

    @AfterEach
    void dropTokenAndResetSimulator() {
        FreshState.restore(tokens, simulator);
    }

    @Test
    void registeredByAnnotation_sendsTheRawToken() {
        annotated.list();

        assertSentExactlyTheIssuedToken();
    }

    @Test
    void completionStageMethod_sendsTheRawToken() throws Exception {
        annotated.listAsync().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertSentExactlyTheIssuedToken();
    }

    @Test
    void registeredByConfig_sendsTheRawToken() {
        configured.list();

        assertSentExactlyTheIssuedToken();
    }

    @Test
    void registeredByClassOnTheBuilder_sendsTheRawToken() throws Exception {
        try (PlainRobotListClient client = RestClientBuilder.newBuilder().baseUri(URI.create(AIOB_URL))
                .register(AiobAuthFilter.class).build(PlainRobotListClient.class)) {
            client.list();
        }

        assertSentExactlyTheIssuedToken();
    }

    @Test
    void registeredAsInstanceOnTheBuilder_sendsTheRawToken() throws Exception {
        try (PlainRobotListClient client = RestClientBuilder.newBuilder().baseUri(URI.create(AIOB_URL))
                .register(new AiobAuthFilter(tokens)).build(PlainRobotListClient.class)) {
            client.list();
        }

        assertSentExactlyTheIssuedToken();
    }

    @Test
    void anotherHost_getsNoAuthorization_andNoTokenIsFetched_andTheMissIsLoggedOncePerClientAndOrigin()
            throws Exception {
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler recorder = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.WARNING) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger filterLog = Logger.getLogger(AiobAuthFilter.class.getName());
        filterLog.addHandler(recorder);
        try (RobotListClient elsewhere = RestClientBuilder.newBuilder().baseUri(URI.create(OTHER_HOST_URL))
                .build(RobotListClient.class);
                PlainRobotListClient plain = RestClientBuilder.newBuilder().baseUri(URI.create(OTHER_HOST_URL))
                        .register(AiobAuthFilter.class).build(PlainRobotListClient.class)) {
            // The simulator refuses a request without a token: proof that none was attached.
            assertThrows(WebApplicationException.class, elsewhere::list);
            assertThrows(WebApplicationException.class, elsewhere::list);
            assertThrows(WebApplicationException.class, plain::list);
        } finally {
            filterLog.removeHandler(recorder);
        }

        List<RecordedRequest> received = simulator.apiRequests();
        assertEquals(3, received.size());
        received.forEach(request -> assertNull(request.authorization()));
        assertEquals(0, simulator.tokenRequestCount());
        List<String> said = warnings.stream().map(r -> MessageFormat.format(r.getMessage(), r.getParameters())).toList();
        assertEquals(2, said.size(), "once per client and origin: " + said);
        // The wording is AiobAuthFilterTest's; here, that Liberty's rest clients name the method called.
        assertTrue(said.get(0).startsWith("AiobAuthFilter attached no AIOB token to RobotListClient.list on"
                + " http://127.0.0.1:9080: it is not where tokens may go"), said.get(0));
        assertTrue(said.get(1).startsWith("AiobAuthFilter attached no AIOB token to PlainRobotListClient.list on"
                + " http://127.0.0.1:9080:"), said.get(1));
    }

    private void assertSentExactlyTheIssuedToken() {
        SimulatorAssertions.assertSentExactlyTheIssuedToken(simulator);
    }
}
