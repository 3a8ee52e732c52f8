package io.github.aiobmp.simulator;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tokens the simulator issued, each with its expiry and whether it was revoked. Thread-safe.
 *
 * <p>Time is passed in, so the ledger follows the simulator's clock rather than the wall clock.
 */
final class TokenLedger {

    static final String TOKEN_PREFIX = "cc-api-auth-v2/";
    /** Beyond this many tokens the oldest is forgotten, so a long-running simulator stays bounded. */
    static final int CAPACITY = 10_000;

    private static final int TOKEN_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** In issue order. Guarded by this. */
    private final Map<String, IssuedToken> tokens = new LinkedHashMap<>();

    /** Returns a fresh opaque token: the V2 prefix and 32 random hex characters. */
    static String newTokenValue() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return TOKEN_PREFIX + HexFormat.of().formatHex(bytes);
    }

    /**
     * Issues a token valid until {@code expiresAt}.
     *
     * @param revokeOlder when true, every token issued before this one is revoked in the same step
     */
    synchronized String issue(Instant expiresAt, boolean revokeOlder) {
        if (revokeOlder) {
            revokeAll();
        }
        String token = newTokenValue();
        tokens.put(token, new IssuedToken(expiresAt, false));
        if (tokens.size() > CAPACITY) {
            Iterator<String> oldest = tokens.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return token;
    }

    /** Issues a token that is never honoured, for broken answers: it is remembered, so tests can look for it. */
    synchronized String issueUnhonoured() {
        String token = issue(Instant.MIN, false);
        tokens.computeIfPresent(token, (value, issued) -> issued.revoke());
        return token;
    }

    /** Says whether {@code token} may be used at {@code now}; from its expiry instant on, it may not. */
    synchronized TokenValidity validityOf(String token, Instant now) {
        IssuedToken issued = tokens.get(token);
        if (issued == null) {
            return TokenValidity.UNKNOWN;
        }
        if (issued.revoked()) {
            return TokenValidity.REVOKED;
        }
        return now.isBefore(issued.expiresAt()) ? TokenValidity.VALID : TokenValidity.EXPIRED;
    }

    synchronized void revokeAll() {
        tokens.replaceAll((token, issued) -> issued.revoke());
    }

    /** Returns the tokens still remembered, oldest first. */
    synchronized List<String> issued() {
        return List.copyOf(tokens.keySet());
    }

    synchronized void clear() {
        tokens.clear();
    }

    private record IssuedToken(Instant expiresAt, boolean revoked) {

        IssuedToken revoke() {
            return new IssuedToken(expiresAt, true);
        }
    }
}
