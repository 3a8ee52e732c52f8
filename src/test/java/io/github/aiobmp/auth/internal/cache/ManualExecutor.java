package io.github.aiobmp.auth.internal.cache;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * Runs tasks directly until {@link #startQueueing()}; from then on queues them until the test
 * runs them, so a background refresh happens exactly when the test says. Single-threaded use only.
 */
final class ManualExecutor implements Executor {

    private final Queue<Runnable> queued = new ArrayDeque<>();
    private boolean queueing;

    /** From now on, tasks wait in the queue for {@link #runQueued()}. */
    void startQueueing() {
        queueing = true;
    }

    @Override
    public void execute(Runnable task) {
        if (queueing) {
            queued.add(task);
        } else {
            task.run();
        }
    }

    /** Returns how many tasks wait to be run. */
    int queued() {
        return queued.size();
    }

    /** Runs the queued tasks, oldest first. */
    void runQueued() {
        for (Runnable task; (task = queued.poll()) != null; ) {
            task.run();
        }
    }
}
