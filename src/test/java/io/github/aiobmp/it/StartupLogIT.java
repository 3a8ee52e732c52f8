package io.github.aiobmp.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.aiobmp.simulator.AiobSimulator;

/**
 * Verifies the start-up log: one line naming aiob.url and the access key's fingerprint for a good
 * configuration, and one SEVERE line naming every bad key for an invalid one; the application starts
 * either way.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StartupLogIT {

    @Deployment(name = "good", testable = false)
    static WebArchive good() {
        return Deployments.componentWithSimulator("startup-good-it", Map.of());
    }

    @Deployment(name = "bad", testable = false)
    static WebArchive bad() {
        return Deployments.componentWithSimulator("startup-bad-it", Map.of(
                "aiob.url", "aiob-open.baidu.com", "aiob.token.max-wait", "-5"));
    }

    @Test
    void startupLog_saysWhatIsConfigured_orWhatIsWrong() throws IOException {
        List<String> lines = Files.readAllLines(messagesLog(), StandardCharsets.UTF_8);

        assertLogged(lines, " I AIOB token component for " + Deployments.simulatorUrl("startup-good-it")
                + ", access key " + Fingerprints.of(AiobSimulator.DEFAULT_ACCESS_KEY));
        assertTrue(lines.stream().anyMatch(line -> line.contains(" E The AIOB token component is not usable: ")
                && line.contains("Invalid aiob.url (environment variable AIOB_URL): 'aiob-open.baidu.com'")
                && line.contains("Invalid aiob.token.max-wait")), "no SEVERE line naming both bad keys");
        assertTrue(lines.stream().noneMatch(line -> line.contains(AiobSimulator.DEFAULT_SECRET_KEY)));
    }

    private static void assertLogged(List<String> lines, String text) {
        assertTrue(lines.stream().anyMatch(line -> line.contains(text)), "messages.log has no line with: " + text);
    }

    private static Path messagesLog() {
        return Path.of(System.getProperty("arquillian.wlp.home"), "usr", "servers", "defaultServer", "logs",
                "messages.log");
    }
}
