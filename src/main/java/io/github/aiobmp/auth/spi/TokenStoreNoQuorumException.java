package io.github.aiobmp.auth.spi;

/**
 * A {@link TokenStore} operation refused because this server is on a side of a split cluster that
 * has no quorum (with Hazelcast, its split-brain protection): the servers on the other side may
 * still share a token and fetch the next one. The component yields to them: it fetches no token,
 * its calls fail at once and its readiness is DOWN, until an operation answers again. A store
 * that merely does not answer throws anything else: then each server fetches on its own.
 */
public class TokenStoreNoQuorumException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what the store refused, and why; never a secret
     * @param cause   the provider's refusal
     */
    public TokenStoreNoQuorumException(String message, Throwable cause) {
        super(message, cause);
    }
}
