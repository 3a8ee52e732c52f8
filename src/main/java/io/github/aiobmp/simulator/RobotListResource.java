package io.github.aiobmp.simulator;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Simulates {@code GET /api/v1/robot/list} over a fixed list of three robots. */
@RequestScoped
@Path(RobotListResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class RobotListResource {

    static final String PATH = "/api/v1/robot/list";

    @Inject
    private AiobSimulator simulator;

    /**
     * Checks the token, then answers one page of the robots whose name contains {@code robotName}.
     * Paging values are taken as text so that a bad one gets AIOB's code 400 rather than a 404.
     *
     * @param pn the page number, from 1 (default 1)
     * @param ps the page size (default 10)
     */
    @GET
    public Response list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("robotName") String robotName, @QueryParam("pn") String pn, @QueryParam("ps") String ps) {
        return simulator.screenApiCall(HttpMethod.GET, PATH, authorization)
                .orElseGet(() -> RobotCatalog.page(robotName, pn, ps));
    }
}
