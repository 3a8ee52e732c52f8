package io.github.aiobmp.it;

import java.util.Set;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import io.github.aiobmp.auth.AiobExceptionMapper;

/** An application with the component's mapper registered, as the README registers it. */
@ApplicationPath("api")
public class MapperApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(FailingResource.class, AiobExceptionMapper.class);
    }
}
