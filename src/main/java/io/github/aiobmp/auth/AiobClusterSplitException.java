package io.github.aiobmp.auth;

/**
 * The cluster is split, and this server is on a side without quorum: its token store refuses every
 * operation ({@code aiob.token-store=jcache} with the provider's split-brain protection). It then
 * fetches no token and serves none, so as not to revoke the token of the servers that keep quorum,
 * and its readiness is DOWN. Worth retrying on another server, or here once its side has quorum again.
 */
public class AiobClusterSplitException extends AiobUnavailableException {

    private static final long serialVersionUID = 1L;

    /** @param message since when, and what to do; never a secret */
    public AiobClusterSplitException(String message) {
        super(message);
    }
}
