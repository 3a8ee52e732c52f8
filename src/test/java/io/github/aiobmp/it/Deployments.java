package io.github.aiobmp.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSourceProvider;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import io.github.aiobmp.auth.AiobTokenProvider;
import io.github.aiobmp.auth.internal.settings.AiobDefaultsConfigSource;
import io.github.aiobmp.demo.DemoApplication;
import io.github.aiobmp.demo.DemoConfigSources;
import io.github.aiobmp.health.AiobTokenReadinessCheck;
import io.github.aiobmp.metrics.AiobTokenMetrics;
import io.github.aiobmp.simulator.AiobSimulator;

/** Builds the test archives: the component, plus the simulator and the demo where a test needs them. */
final class Deployments {

    static final String BASE = "http://localhost:9080/";
    private static final Path MAIN_CLASSES = Path.of("target", "classes");

    private Deployments() {
    }

    /** The component and the simulator; {@code aiob.url} points at that simulator. */
    static WebArchive componentWithSimulator(String name, Map<String, String> config) {
        Map<String, String> all = new TreeMap<>(Map.of("aiob.url", simulatorUrl(name),
                "aiob.access-key", AiobSimulator.DEFAULT_ACCESS_KEY,
                "aiob.secret-key", AiobSimulator.DEFAULT_SECRET_KEY));
        all.putAll(config);
        return component(archive(name, all))
                .addPackage(AiobSimulator.class.getPackage())
                .addClasses(FreshState.class, SimulatorAssertions.class);
    }

    /** The readiness check and the metrics, for a deployment that has the component. */
    static WebArchive withObservability(WebArchive archive) {
        return archive.addPackage(AiobTokenReadinessCheck.class.getPackage())
                .addPackage(AiobTokenMetrics.class.getPackage());
    }

    /** The component, the simulator and the demo, with exactly the config given. */
    static WebArchive demo(String name, Map<String, String> config) {
        // The demo's own rest-client settings, as in src/main/resources; the test's config wins.
        Map<String, String> all = new TreeMap<>(Map.of(
                "aiob-demo/mp-rest/url", "${aiob.url}",
                "aiob-demo/mp-rest/scope", "jakarta.enterprise.context.ApplicationScoped",
                "aiob-demo/mp-rest/connectTimeout", "2000",
                "aiob-demo/mp-rest/readTimeout", "5000"));
        all.putAll(config);
        return component(archive(name, all))
                .addPackage(AiobSimulator.class.getPackage())
                .addPackage(DemoApplication.class.getPackage())
                .addAsServiceProvider(ConfigSourceProvider.class, DemoConfigSources.class);
    }

    /** The demo with its own simulator and the simulator's credentials, set explicitly. */
    static WebArchive demoWithSimulator(String name, Map<String, String> config) {
        Map<String, String> all = new TreeMap<>(Map.of("aiob.url", simulatorUrl(name),
                "aiob.access-key", AiobSimulator.DEFAULT_ACCESS_KEY,
                "aiob.secret-key", AiobSimulator.DEFAULT_SECRET_KEY));
        all.putAll(config);
        return demo(name, all);
    }

    /** The simulator alone, as another AIOB-like server would be. */
    static WebArchive simulatorOnly(String name, Map<String, String> config) {
        return archive(name, config).addPackage(AiobSimulator.class.getPackage());
    }

    /** Adds the component as its jar has it: its packages, and its defaults config source. */
    static WebArchive component(WebArchive archive) {
        // Main classes only: the test sources have classes in these packages too.
        return archive.addPackages(true, path -> Files.exists(MAIN_CLASSES.resolve(path.get().substring(1))),
                AiobTokenProvider.class.getPackage())
                .addAsServiceProvider(ConfigSource.class, AiobDefaultsConfigSource.class);
    }

    /** A loopback URL on which nothing listens: an unreachable AIOB, never the real host. */
    static String closedLoopbackUrl() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "http://localhost:" + socket.getLocalPort() + "/aiob-simulator";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The URL of the simulator inside the deployment {@code name}. */
    static String simulatorUrl(String name) {
        return BASE + name + "/aiob-simulator";
    }

    private static WebArchive archive(String name, Map<String, String> config) {
        String properties = config.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n"));
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsResource(new StringAsset(properties), "META-INF/microprofile-config.properties");
    }
}
