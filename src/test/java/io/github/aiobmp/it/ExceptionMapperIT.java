package io.github.aiobmp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Verifies that AiobExceptionMapper answers a component failure anywhere in the cause chain with
 * JSON {"error", "detail"} and the status that fits, with no class name; and that it leaves every
 * other exception to the application's own mappers, or to the server when there is none.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ExceptionMapperIT {

    @Deployment(name = "mapper", testable = false)
    static WebArchive mapperOnly() {
        return archive("mapper-it", MapperApplication.class);
    }

    @Deployment(name = "catch-all", testable = false)
    static WebArchive withCatchAll() {
        return archive("mapper-catch-all-it", CatchAllMapperApplication.class);
    }

    private static WebArchive archive(String name, Class<?> application) {
        return Deployments.component(ShrinkWrap.create(WebArchive.class, name + ".war"))
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addClasses(FailingResource.class, application);
    }

    @ArquillianResource
    @OperateOnDeployment("mapper")
    URL mapper;

    @ArquillianResource
    @OperateOnDeployment("catch-all")
    URL catchAll;

    @Test
    void configurationFailureWrappedByTheRestClient_is500_withWhatToSet() {
        assertAnswer(500, "AIOB is not configured on this server",
                "AIOB credentials are not configured: set aiob.access-key (environment variable AIOB_ACCESS_KEY)",
                "configuration");
    }

    @Test
    void refusedCredentials_are502() {
        assertAnswer(502, "AIOB rejected the credentials",
                "AIOB refused a token: code 401, msg 'accessKey or secretKey is invalid'", "credentials");
    }

    @Test
    void rejectedToken_is502() {
        assertAnswer(502, "AIOB rejected the token", "AIOB rejected token 1a2b3c4d on GET /x: HTTP 401", "token");
    }

    @Test
    void badAnswerTwoCausesDeep_is502() {
        assertAnswer(502, "AIOB answered with something unusable",
                "AIOB's getToken answered a body that is not getToken's JSON", "bad-answer");
    }

    @Test
    void unavailable_is503() {
        assertAnswer(503, "AIOB could not be reached in time", "No AIOB token within 10000 ms (aiob.token.max-wait)",
                "unavailable");
    }

    @Test
    void aComponentFailure_isOurs_evenWhenTheApplicationHasACatchAllMapper() {
        HttpResponse<String> response = Http.get(catchAll + "api/fail/unavailable");

        assertEquals(503, response.statusCode(), response.body());
    }

    @Test
    void anotherFailure_goesToTheApplicationsOwnMapper() {
        HttpResponse<String> response = Http.get(catchAll + "api/fail/other");

        assertEquals(418, response.statusCode(), response.body());
        assertEquals("caught by the application", response.body());
    }

    @Test
    void anotherFailure_withoutAMapperOfTheApplications_isTheServersAsWithoutOurs() {
        HttpResponse<String> response = Http.get(mapper + "api/fail/other");

        assertEquals(500, response.statusCode(), response.body());
        assertFalse(response.body().contains("\"error\""), response.body());
    }

    @Test
    void aWebApplicationException_keepsItsOwnResponse() {
        assertEquals(404, Http.get(mapper + "api/fail/not-found").statusCode());
    }

    private void assertAnswer(int status, String error, String detail, String kind) {
        HttpResponse<String> response = Http.get(mapper + "api/fail/" + kind);

        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals(Map.of("error", error, "detail", detail), Http.json(response));
        assertFalse(response.body().contains("Exception"), "no class name: " + response.body());
    }
}
