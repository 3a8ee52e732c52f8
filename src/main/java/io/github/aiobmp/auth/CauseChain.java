package io.github.aiobmp.auth;

import java.util.Optional;

/**
 * Finds an exception among another's causes. What a rest client throws often wraps the
 * component's exception: a {@code ProcessingException} around what {@link AiobAuthFilter} threw,
 * an {@code ExecutionException} around a failed {@code CompletionStage}.
 *
 * <pre>{@code
 * CauseChain.find(e, AiobException.class).ifPresent(aiob -> ...);
 * }</pre>
 */
public final class CauseChain {

    /** Deeper than any real chain; it only guards against a cycle of causes. */
    private static final int MAX_DEPTH = 100;

    private CauseChain() {
    }

    /**
     * Looks for a {@code type} in {@code failure}'s cause chain.
     *
     * @param <T>     the kind of exception looked for
     * @param failure what was thrown; may be null
     * @param type    the kind of exception looked for
     * @return {@code failure} itself or its closest cause that is a {@code type}, or empty when none is
     */
    public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }
}
