package io.github.aiobmp.it;

import java.util.Set;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import io.github.aiobmp.auth.AiobExceptionMapper;

/** An application with the component's mapper and a catch-all mapper of its own. */
@ApplicationPath("api")
public class CatchAllMapperApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(FailingResource.class, AiobExceptionMapper.class, CatchAll.class);
    }

    /** The application's own mapper for every throwable. */
    public static class CatchAll implements ExceptionMapper<Throwable> {

        @Override
        public Response toResponse(Throwable failure) {
            return Response.status(418).entity("caught by the application").build();
        }
    }
}
