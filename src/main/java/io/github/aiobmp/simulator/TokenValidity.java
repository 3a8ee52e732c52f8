package io.github.aiobmp.simulator;

/** What the ledger knows about a token presented to an API endpoint. */
enum TokenValidity {
    VALID,
    /** Never issued, or forgotten since (by a reset, or because the ledger was full). */
    UNKNOWN,
    REVOKED,
    EXPIRED
}
