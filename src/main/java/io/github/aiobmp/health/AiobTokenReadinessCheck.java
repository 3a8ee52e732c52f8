package io.github.aiobmp.health;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.github.aiobmp.auth.AiobClusterSplitException;
import io.github.aiobmp.auth.AiobException;
import io.github.aiobmp.auth.AiobTokenProvider;
import io.github.aiobmp.auth.TokenStatus;

/**
 * Readiness {@value #NAME}: UP while a usable AIOB token exists or can be obtained; DOWN with the
 * reason a person can act on (which key is missing, what AIOB answered, that it is unreachable).
 * Shows {@code aiob.url}, the token's state, expiry and fingerprint, and the token store's state
 * ({@code local}, {@code connected}, {@code degraded}: never DOWN for these; {@code yielding}: DOWN,
 * the cluster being split and this server on the side without quorum, so that a load balancer
 * sends calls to the servers whose token works); never a key or a token.
 *
 * <p>Without a usable token the check asks for one, so it costs at most one getToken per
 * failure backoff and waits at most {@code aiob.token.max-wait}. Liveness is not
 * affected: a server whose AIOB is down is alive, just not ready to call AIOB.
 */
@Readiness
@ApplicationScoped
public class AiobTokenReadinessCheck implements HealthCheck {

    public static final String NAME = "aiob-token";

    @Inject
    AiobTokenProvider tokens;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        try {
            response.withData("aiob", tokens.url().toString());
            tokens.token();
        } catch (AiobClusterSplitException e) {
            return response.down().withData("reason", e.getMessage())
                    .withData("tokenStore", tokens.tokenStoreState().name().toLowerCase(Locale.ROOT)).build();
        } catch (AiobException e) {
            return response.down().withData("reason", e.getMessage()).build();
        }
        TokenStatus status = tokens.status();
        // A degraded store costs getToken calls, not calls: the server stays ready.
        response.up().withData("state", status.state().name())
                .withData("tokenStore", tokens.tokenStoreState().name().toLowerCase(Locale.ROOT));
        // Another fetcher of the key costs calls on both sides; moving traffic would not help.
        tokens.contentionSince().ifPresent(since -> response.withData("contentionSince", since.toString()));
        if (status.expiresAt() != null) {
            response.withData("expiresAt", status.expiresAt().toString()).withData("fingerprint", status.fingerprint());
        }
        return response.build();
    }
}
