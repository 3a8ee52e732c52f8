package io.github.aiobmp.demo;

import java.util.Set;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import io.github.aiobmp.auth.AiobExceptionMapper;

/** Serves the demo under {@code /demo}; it lists its classes, as the simulator's application does. */
@ApplicationPath("demo")
public class DemoApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        // The component's mapper answers its failures (configuration, credentials, token) as JSON.
        return Set.of(DemoResource.class, AiobExceptionMapper.class);
    }
}
