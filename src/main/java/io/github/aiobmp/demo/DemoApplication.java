package io.github.aiobmp.demo;

import java.util.Set;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Serves the demo under {@code /demo}; it lists its classes, as the simulator's application does. */
@ApplicationPath("demo")
public class DemoApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        // Every failure as JSON: the component's through its AiobExceptionMapper, the rest as the demo's own.
        return Set.of(DemoResource.class, DemoErrors.class);
    }
}
