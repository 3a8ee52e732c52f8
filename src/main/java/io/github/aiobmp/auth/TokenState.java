package io.github.aiobmp.auth;

/** Where the cached token stands in its life. */
public enum TokenState {
    /** No token has been obtained yet, or the last one was invalidated. */
    NONE,
    /** Usable, and not yet time to refresh it. */
    FRESH,
    /** Still usable, but inside the refresh-ahead window: a background refresh is due. */
    STALE,
    /** Past its expiry (less the safety margin): it is never sent again. */
    EXPIRED
}
