package io.github.aiobmp.container;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Verifies, after {@code package}, that the project's Dockerfile matches what the build made and
 * uses: no Docker engine runs here, so this is what stands in for building the image. The facts
 * come from pom.xml through failsafe's system properties (see maven-failsafe-plugin in pom.xml).
 */
class DockerfileMatchesBuildIT {

    @Test
    void dockerfile_matchesTheBuild() throws IOException {
        DockerfileCheck.BuildFacts build = new DockerfileCheck.BuildFacts(
                Path.of(required("aiob.build.project-dir")),
                required("aiob.build.liberty-version"),
                Integer.parseInt(required("aiob.build.java-release")),
                required("aiob.build.war-file-name"),
                required("aiob.build.version"),
                required("aiob.build.license"));

        List<String> problems = DockerfileCheck.problems(build);

        assertTrue(problems.isEmpty(), "The Dockerfile no longer matches the build:\n" + String.join("\n", problems));
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank() || value.contains("${")) {
            throw new IllegalStateException("System property " + property + " is not set: run this test through"
                    + " Maven's failsafe plugin (mvn verify)");
        }
        return value;
    }
}
