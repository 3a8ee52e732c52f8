package io.github.aiobmp.demo;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The demo's error answer, as the component's AiobExceptionMapper writes its own: what went wrong, and what to fix. */
public record ErrorBody(String error, String detail) {

    static Response response(Response.Status status, String error, String detail) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(error, detail))
                .build();
    }
}
