package io.github.aiobmp.auth.internal.cache;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs a task once after a delay. In a server this is the application's
 * {@code ManagedScheduledExecutorService}, so nothing runs on threads of our own and everything
 * stops with the application; tests step a fake clock instead.
 */
@FunctionalInterface
public interface Scheduler {

    /**
     * Schedules {@code task} to run once, {@code delay} from now.
     *
     * @return a handle to cancel it
     * @throws RejectedExecutionException when the scheduler is shut down
     */
    Future<?> schedule(Runnable task, Duration delay);
}
