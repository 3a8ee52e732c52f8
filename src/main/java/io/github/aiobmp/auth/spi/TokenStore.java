package io.github.aiobmp.auth.spi;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where the servers of a cluster share their AIOB token, so that one getToken serves them all: a
 * store of one grant and one lease per account, with compare-and-set operations and a change
 * notification. The component decides what goes in, and seals it: a store sees an account's hash
 * and an opaque text, never an Access Key, a Secret Key or a token.
 *
 * <p>Every operation may block, fail or be slow: the component bounds each with a timeout and
 * falls back to fetching on its own when the store does not answer. Implementations throw
 * whatever their cache throws, except when the cache refuses an operation because this server is
 * on a side of a split cluster without quorum: that is a {@link TokenStoreNoQuorumException}, upon
 * which the component fetches nothing and waits for the store to answer again.
 */
public interface TokenStore extends AutoCloseable {

    /**
     * @param account an account's key
     * @return the grant shared for it, or empty
     */
    Optional<String> grant(String account);

    /**
     * Shares {@code grant} if no grant is shared for the account.
     *
     * @param account an account's key
     * @param grant   the sealed grant
     * @return whether it was stored
     */
    boolean putGrantIfAbsent(String account, String grant);

    /**
     * Replaces the account's grant, if it is still {@code expected}.
     *
     * @param account  an account's key
     * @param expected the grant read before
     * @param grant    the sealed grant that replaces it
     * @return whether it was replaced
     */
    boolean replaceGrant(String account, String expected, String grant);

    /**
     * Removes the account's grant, if it is still {@code expected}.
     *
     * @param account  an account's key
     * @param expected the grant read before
     * @return whether it was removed
     */
    boolean removeGrant(String account, String expected);

    /**
     * Takes the account's lease, the right to call getToken for it, unless another holder has it.
     * A lease ends when its holder releases it, or by itself after the lease time the store was
     * opened with ({@code TokenStoreFactory#open}) from when it was taken or last renewed, so that
     * a holder that vanished cannot keep it.
     *
     * @param account an account's key
     * @param holder  who takes it, unique to this holder and attempt
     * @return whether this holder has it now
     */
    boolean acquireLease(String account, String holder);

    /**
     * Renews the account's lease, if it is still {@code holder}'s: its value becomes
     * {@code renewed} and its lease time starts again. The holder renews it while its getToken
     * runs, so that a short lease outlasts a slow getToken and still ends soon after a holder
     * that vanished.
     *
     * @param account an account's key
     * @param holder  the lease's value, as taken or last renewed
     * @param renewed its new value
     * @return whether it was renewed; false when the lease ended or another holder has it
     */
    boolean renewLease(String account, String holder, String renewed);

    /**
     * Ends the account's lease, if {@code holder} still has it.
     *
     * @param account an account's key
     * @param holder  who took it
     */
    void releaseLease(String account, String holder);

    /**
     * @param account an account's key
     * @return the lease's holder, or empty when no lease is held
     */
    Optional<String> leaseHolder(String account);

    /**
     * Calls {@code changed} with the account's key whenever a grant is stored, replaced or
     * removed, on any server; from a thread of the store's, quickly.
     *
     * @param changed told which account changed
     * @throws UnsupportedOperationException when the store has no change notifications: the
     *         component then polls it every {@code aiob.token-store.poll-interval}
     */
    void onGrantChange(Consumer<String> changed);

    /** Stops listening, and releases what the store opened. */
    @Override
    void close();
}
