package io.github.aiobmp.auth;

/** Where the token is shared, as {@link AiobTokenProvider#tokenStoreState()} says. */
public enum TokenStoreState {
    /** No store ({@code aiob.token-store=local}): this server has a token of its own. */
    LOCAL,
    /** The store answers: servers share one token. */
    CONNECTED,
    /** The store does not answer: this server fetches its own tokens when it has none usable, until it does again. */
    DEGRADED,
    /**
     * The store refuses every operation because the cluster is split and this server is on a side
     * without quorum: it fetches no token and serves none, and its readiness is DOWN, until the
     * store answers again.
     */
    YIELDING
}
