package io.github.aiobmp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
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

    /** A Java class name such as AiobUnavailableException or java.net.ConnectException. */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b[A-Z]\\w*(Exception|Error)\\b");

    @Deployment(name = "mapper", testable = false)
    static WebArchive mapperOnly() {
        return archive("mapper-it", MapperApplication.class);
    }

    @Deployment(name = "catch-all", testable = false)
    static WebArchive withCatchAll() {
        return archive("mapper-catch-all-it", CatchAllMapperApplication.class);
    }

    @Deployment(name = "plain", testable = false)
    static WebArchive withoutTheMapper() {
        return archive("mapper-plain-it", PlainApplication.class);
    }

    private static WebArchive archive(String name, Class<?> application) {
        return Deployments.component(ShrinkWrap.create(WebArchive.class, name + ".war"))
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsResource(new StringAsset("aiob.url=" + Deployments.closedLoopbackUrl()
                        + "\naiob.access-key=some-key\naiob.secret-key=some-secret"),
                        "META-INF/microprofile-config.properties")
                .addClasses(FailingResource.class, application);
    }

    @ArquillianResource
    @OperateOnDeployment("mapper")
    URL mapper;

    @ArquillianResource
    @OperateOnDeployment("catch-all")
    URL catchAll;

    @ArquillianResource
    @OperateOnDeployment("plain")
    URL plain;

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
        assertAnswer(503, "No AIOB token in time", "No AIOB token within 10000 ms (aiob.token.max-wait)",
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
    void anotherFailure_withoutAMapperOfTheApplications_isAnsweredAsWithoutOurs() {
        HttpResponse<String> with = Http.get(mapper + "api/fail/other");
        HttpResponse<String> without = Http.get(plain + "api/fail/other");

        assertEquals(500, with.statusCode(), with.body());
        assertEquals(without.statusCode(), with.statusCode());
        assertEquals(without.body(), with.body());
    }

    @Test
    void theComponentsOwnFailure_isAnsweredInWords_withoutAClassName() {
        HttpResponse<String> response = Http.get(mapper + "api/fail/real-unavailable");

        assertEquals(503, response.statusCode(), response.body());
        String detail = (String) Http.json(response).get("detail");
        assertTrue(detail.contains("could not be reached: connection refused"), detail);
        assertFalse(CLASS_NAME.matcher(detail).find(), "a class name in: " + detail);
    }

    @Test
    void aWebApplicationException_andAnUnknownPath_areAnsweredAsWithoutTheMapper() throws Exception {
        List<String> paths = List.of("api/fail/not-found", "api/no-such-path");
        long warningsBefore = unhandledExceptionWarnings();

        List<HttpResponse<String>> with = paths.stream().map(path -> Http.get(mapper + path)).toList();

        // Liberty's default mapper, which warns even about a 404 when no mapper of the application answers, was not used.
        assertEquals(warningsBefore, unhandledExceptionWarnings());
        for (int i = 0; i < paths.size(); i++) {
            HttpResponse<String> without = Http.get(plain + paths.get(i));
            assertEquals(404, with.get(i).statusCode());
            assertEquals(without.statusCode(), with.get(i).statusCode(), paths.get(i));
            assertEquals(without.body(), with.get(i).body(), paths.get(i));
        }
    }

    /** Liberty's CWPMI2006W: its default mapper handled an exception that no application mapper did. */
    private static long unhandledExceptionWarnings() throws Exception {
        Path log = Path.of(System.getProperty("arquillian.wlp.home"), "usr", "servers", "defaultServer", "logs",
                "messages.log");
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> line.contains("CWPMI2006W")).count();
        }
    }

    private void assertAnswer(int status, String error, String detail, String kind) {
        HttpResponse<String> response = Http.get(mapper + "api/fail/" + kind);

        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals(Map.of("error", error, "detail", detail), Http.json(response));
        assertFalse(CLASS_NAME.matcher(response.body()).find(), "no class name: " + response.body());
    }
}
