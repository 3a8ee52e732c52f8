package io.github.aiobmp.it;

import io.github.aiobmp.auth.AiobTokenProvider;
import io.github.aiobmp.simulator.AiobSimulator;

/** Puts an in-container test's token holder and simulator back to their first state. */
final class FreshState {

    private FreshState() {
    }

    static void restore(AiobTokenProvider tokens, AiobSimulator simulator) {
        tokens.reset();
        simulator.reset();
    }
}
