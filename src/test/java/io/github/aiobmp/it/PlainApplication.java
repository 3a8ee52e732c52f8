package io.github.aiobmp.it;

import java.util.Set;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The same failing endpoint without the component's mapper: what the server does on its own. */
@ApplicationPath("api")
public class PlainApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(FailingResource.class);
    }
}
