package io.github.aiobmp.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verifies that DockerfileCheck finds each way a Dockerfile can stop matching the build, on a small
 * project made here that starts out right and is then broken one way at a time.
 */
class DockerfileCheckTest {

    private static final String DOCKERFILE = """
            # A comment
            FROM icr.io/appcafe/open-liberty:26.0.0.3-kernel-slim-java17-openj9-ubi

            ARG VERSION=1.2.3
            LABEL org.opencontainers.image.title="app" \\
                  org.opencontainers.image.description="An app, described" \\
                  org.opencontainers.image.version="${VERSION}" \\
                  org.opencontainers.image.licenses="Apache-2.0" \\
                  org.opencontainers.image.vendor="someone"

            COPY --chown=1001:0 server.xml /config/
            COPY --chown=1001:0 src/main/liberty/extra.xml /config/configDropins/overrides/
            RUN features.sh
            COPY --chown=1001:0 target/app.war /config/apps/
            RUN configure.sh
            USER 1001
            EXPOSE 9080 9443
            """;
    private static final String SERVER_XML = """
            <server>
                <variable name="http.port" defaultValue="9080"/>
                <variable name="https.port" defaultValue="9443"/>
                <webApplication location="app.war" contextRoot="/"/>
            </server>
            """;
    private static final String DOCKERIGNORE = """
            *
            !server.xml
            !src/main/liberty/extra.xml
            !target/app.war
            """;

    @TempDir
    Path project;

    @BeforeEach
    void aProjectWhoseDockerfileMatchesItsBuild() throws IOException {
        write("Dockerfile", DOCKERFILE);
        write("server.xml", SERVER_XML);
        write(".dockerignore", DOCKERIGNORE);
        write("src/main/liberty/extra.xml", "<server/>");
        write("target/app.war", "not really a war");
    }

    @Test
    void matchingProject_hasNoProblems() throws IOException {
        assertEquals(List.of(), problems());
    }

    @Test
    void missingCopySource_isAProblem() throws IOException {
        Files.delete(project.resolve("src/main/liberty/extra.xml"));

        assertProblem("'src/main/liberty/extra.xml' does not exist after the build");
    }

    @Test
    void warNotBuiltYet_isAProblem() throws IOException {
        Files.delete(project.resolve("target/app.war"));

        assertProblem("'target/app.war' does not exist after the build");
    }

    @Test
    void copySourceLeftOutByDockerignore_isAProblem() throws IOException {
        write(".dockerignore", DOCKERIGNORE.replace("!src/main/liberty/extra.xml\n", ""));

        assertProblem("'src/main/liberty/extra.xml' is left out of the build context by .dockerignore");
    }

    @Test
    void anotherServerXml_isAProblem() throws IOException {
        write("src/main/liberty/server.xml", SERVER_XML);
        write(".dockerignore", DOCKERIGNORE + "!src/main/liberty/server.xml\n");
        edit("COPY --chown=1001:0 server.xml /config/", "COPY --chown=1001:0 src/main/liberty/server.xml /config/");

        assertProblem("/config/server.xml must be the project's own server.xml");
    }

    @Test
    void noServerXmlCopied_isAProblem() throws IOException {
        edit("COPY --chown=1001:0 server.xml /config/\n", "");

        assertProblem("Nothing is copied to /config/server.xml");
    }

    @Test
    void otherLibertyVersion_isAProblem() throws IOException {
        edit("26.0.0.3-kernel-slim", "25.0.0.12-kernel-slim");

        assertProblem("Open Liberty 25.0.0.12, but the build runs 26.0.0.3");
    }

    @Test
    void fullImageInsteadOfKernelSlim_isAProblem() throws IOException {
        edit("26.0.0.3-kernel-slim-java17", "26.0.0.3-full-java17");

        assertProblem("-kernel-slim-java<N>-");
    }

    @Test
    void olderJavaThanTheBuild_isAProblem() throws IOException {
        edit("kernel-slim-java17", "kernel-slim-java11");

        assertProblem("Java 11, but the code is compiled for Java 17");
    }

    @Test
    void warNameOtherThanTheBuilds_isAProblem() throws IOException {
        write("target/other.war", "");
        write(".dockerignore", DOCKERIGNORE + "!target/other.war\n");
        edit("target/app.war", "target/other.war");

        assertProblem("but the build makes target/app.war");
    }

    @Test
    void warLandingWhereServerXmlDoesNotLook_isAProblem() throws IOException {
        edit("target/app.war /config/apps/", "target/app.war /config/dropins/");

        assertProblem("the WAR lands at /config/dropins/app.war, but server.xml's <webApplication location=\"app.war\">");
    }

    @Test
    void serverXmlLocationOtherThanTheWar_isAProblem() throws IOException {
        write("server.xml", SERVER_XML.replace("location=\"app.war\"", "location=\"old.war\""));

        assertProblem("<webApplication location=\"old.war\"> is not the WAR the build makes, app.war");
    }

    @Test
    void rootUser_isAProblem() throws IOException {
        edit("USER 1001", "USER root");

        assertProblem("must not run as root");
    }

    @Test
    void uidZero_isAProblem() throws IOException {
        edit("USER 1001", "USER 0:0");

        assertProblem("must not run as root");
    }

    @Test
    void noUser_isAProblem() throws IOException {
        edit("USER 1001\n", "");

        assertProblem("No USER instruction");
    }

    @Test
    void credentialInEnv_isAProblem() throws IOException {
        edit("USER 1001", "ENV AIOB_SECRET_KEY=sk-123\nUSER 1001");

        assertProblem("ENV AIOB_SECRET_KEY bakes an AIOB credential");
    }

    @Test
    void credentialInLegacyEnvForm_isAProblem() throws IOException {
        edit("USER 1001", "ENV AIOB_ACCESS_KEY ak-123\nUSER 1001");

        assertProblem("ENV AIOB_ACCESS_KEY bakes an AIOB credential");
    }

    @Test
    void credentialAsBuildArg_evenWithoutDefault_isAProblem() throws IOException {
        edit("ARG VERSION=1.2.3", "ARG VERSION=1.2.3\nARG AIOB_ACCESS_KEY");

        assertProblem("ARG AIOB_ACCESS_KEY bakes an AIOB credential");
    }

    @Test
    void otherSecretWithAValue_isAProblem() throws IOException {
        edit("USER 1001", "ENV KEYSTORE_PASSWORD=\"s3cret\"\nUSER 1001");

        assertProblem("ENV KEYSTORE_PASSWORD gives a secret-looking variable a value");
    }

    @Test
    void missingScript_isAProblem() throws IOException {
        edit("RUN configure.sh\n", "");

        assertProblem("must RUN features.sh and configure.sh");
    }

    @Test
    void featuresBeforeServerXml_isAProblem() throws IOException {
        edit("COPY --chown=1001:0 server.xml /config/\n", "");
        edit("RUN features.sh\n", "RUN features.sh\nCOPY --chown=1001:0 server.xml /config/\n");

        assertProblem("RUN features.sh comes before server.xml is copied");
    }

    @Test
    void configureBeforeTheWar_isAProblem() throws IOException {
        edit("RUN configure.sh\n", "");
        edit("RUN features.sh\n", "RUN features.sh\nRUN configure.sh\n");

        assertProblem("RUN configure.sh comes before the WAR is copied");
    }

    @Test
    void missingOciLabel_isAProblem() throws IOException {
        edit(" \\\n      org.opencontainers.image.vendor=\"someone\"", "");

        assertProblem("The OCI label org.opencontainers.image.vendor is missing");
    }

    @Test
    void versionLabelOtherThanTheProjects_isAProblem() throws IOException {
        edit("ARG VERSION=1.2.3", "ARG VERSION=1.2.2");

        assertProblem("org.opencontainers.image.version is '1.2.2' by default, but the project's version is 1.2.3");
    }

    @Test
    void licenceLabelOtherThanTheProjects_isAProblem() throws IOException {
        edit("licenses=\"Apache-2.0\"", "licenses=\"MIT\"");

        assertProblem("licenses is 'MIT', but the project's licence is Apache-2.0");
    }

    @Test
    void serverPortNotExposed_isAProblem() throws IOException {
        edit("EXPOSE 9080 9443", "EXPOSE 9080");

        assertProblem("server.xml listens on 9443 (https.port), but the Dockerfile does not EXPOSE it");
    }

    private List<String> problems() throws IOException {
        return DockerfileCheck.problems(new DockerfileCheck.BuildFacts(project, "26.0.0.3", 17, "app.war", "1.2.3",
                "Apache-2.0"));
    }

    private void assertProblem(String expected) throws IOException {
        List<String> problems = problems();
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), "expected '" + expected + "' in " + problems);
    }

    /** Replaces text that must be in the Dockerfile, so that a test cannot pass by changing nothing. */
    private void edit(String from, String to) throws IOException {
        String text = Files.readString(project.resolve("Dockerfile"));
        assertTrue(text.contains(from), "the Dockerfile has no '" + from + "'");
        write("Dockerfile", text.replace(from, to));
    }

    private void write(String path, String text) throws IOException {
        Path file = project.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
