package io.github.aiobmp.simulator;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * Serves the simulator under {@code aiob-simulator}. It lists its classes, so that it serves
 * none of the other JAX-RS resources of the WAR it is deployed in.
 */
@ApplicationPath("aiob-simulator")
public class AiobSimulatorApplication extends Application {

    /** Returns the simulator's resources and its exception mapper, and nothing else. */
    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(GetTokenResource.class, RealtimeCallResource.class, RobotListResource.class,
                SimulatorControlResource.class, SimulatorErrors.class);
    }
}
