package io.github.aiobmp.bench.e2e;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

import io.github.aiobmp.auth.AiobAuthFilter;
import io.github.aiobmp.auth.AiobConfigKeys;
import io.github.aiobmp.auth.AiobTokenProvider;

/**
 * The same realtime call to AIOB (the built-in simulator), through {@link AiobAuthFilter}, through a
 * {@link MinimalFilter} in the same places, and with no filter, so that bench/e2e.sh can measure
 * what our filter and the filter chain cost end to end. Answers 200 with AIOB's answer when its
 * {@code code} is 200, and 502 otherwise.
 */
@ApplicationScoped
@Path("/")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class RealtimeCallBenchResource {

    private static final long CONNECT_TIMEOUT_MILLIS = 2000;
    private static final long READ_TIMEOUT_MILLIS = 5000;

    @Inject
    AiobTokenProvider tokens;

    @Inject
    FetchCounter fetchCounter;

    @Inject
    @ConfigProperty(name = AiobConfigKeys.URL)
    String aiobUrl;

    private RealtimeCallApi filtered;
    private RealtimeCallApi minimal;
    private RealtimeCallApi plain;
    private volatile String tokenObtainedOnce;

    /** The clients alike but for the filter; registering our class here is what @RegisterProvider does. */
    @PostConstruct
    void buildClients() {
        filtered = newClient().register(AiobAuthFilter.class).build(RealtimeCallApi.class);
        minimal = newClient().register(new MinimalFilter(this::tokenObtainedOnce)).build(RealtimeCallApi.class);
        plain = newClient().build(RealtimeCallApi.class);
    }

    /** The filter sets the header. */
    @POST
    @Path("with-filter")
    public Response withFilter(String body) {
        return forward(() -> filtered.create(null, body));
    }

    /** The minimal filter sets a token obtained once, on the first call; it is never refreshed. */
    @POST
    @Path("minimal-filter")
    public Response minimalFilter(String body) {
        return forward(() -> minimal.create(null, body));
    }

    /** The header carries a token obtained once, on the first call; it is never refreshed. */
    @POST
    @Path("without-filter")
    public Response withoutFilter(String body) {
        return forward(() -> plain.create(tokenObtainedOnce(), body));
    }

    /** This application's getToken fetches so far, successful or not. */
    @GET
    @Path("fetches")
    @Produces(MediaType.TEXT_PLAIN)
    public int fetches() {
        return fetchCounter.fetches();
    }

    @PreDestroy
    void closeClients() {
        close(filtered);
        close(minimal);
        close(plain);
    }

    private RestClientBuilder newClient() {
        return RestClientBuilder.newBuilder()
                .baseUri(URI.create(aiobUrl))
                .connectTimeout(CONNECT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .readTimeout(READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .followRedirects(false);
    }

    private String tokenObtainedOnce() {
        String token = tokenObtainedOnce;
        if (token == null) {
            token = tokens.token();
            tokenObtainedOnce = token;
        }
        return token;
    }

    private static Response forward(Supplier<String> call) {
        String answer;
        try {
            answer = call.get();
        } catch (RuntimeException e) {
            return Response.status(Response.Status.BAD_GATEWAY).entity("{\"error\":\"" + e.getClass().getName() + "\"}")
                    .build();
        }
        if (answer == null || !answer.contains("\"code\":200")) {
            return Response.status(Response.Status.BAD_GATEWAY).entity(answer).build();
        }
        return Response.ok(answer).build();
    }

    private static void close(Object client) {
        try {
            ((Closeable) client).close();
        } catch (IOException e) {
            // the application is stopping: nothing left to do with a client that will not close
        }
    }
}
