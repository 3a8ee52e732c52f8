package io.github.aiobmp.simulator;

import java.util.Set;
import java.util.TreeSet;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.Response;

/**
 * The server's own refusals of a request, in words: what JAX-RS answers, as a
 * {@code WebApplicationException}, before any resource method runs (no such endpoint, a method it
 * does not take, an answer the client does not accept, a body that is not JSON). For the simulator's
 * error answers and the demo's. Not part of the AIOB API.
 */
public final class Refusals {

    private Refusals() {
    }

    /**
     * Says what a refusal means to whoever sent the request, and what to send instead.
     *
     * @param refusal   the response JAX-RS answers the request with
     * @param endpoints what the application serves, for a 404, e.g. "the demo has GET /demo/token"
     * @return the detail for an error answer
     */
    public static String describe(Response refusal, String endpoints) {
        int status = refusal.getStatus();
        return switch (status) {
            case 404 -> "no such endpoint; " + endpoints;
            case 405 -> "this endpoint takes " + String.join(" or ", takes(refusal.getAllowedMethods()));
            case 406 -> "the answer is JSON: accept application/json";
            case 415 -> "send the body as JSON, with Content-Type: application/json";
            default -> "the request was refused: HTTP " + status + " " + refusal.getStatusInfo().getReasonPhrase();
        };
    }

    /** The methods an endpoint takes, without the two JAX-RS answers for every endpoint. */
    private static Set<String> takes(Set<String> allowed) {
        Set<String> methods = new TreeSet<>(allowed);
        methods.removeAll(Set.of(HttpMethod.HEAD, HttpMethod.OPTIONS));
        return methods.isEmpty() ? allowed : methods;
    }
}
