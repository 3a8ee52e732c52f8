package io.github.aiobmp.it;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import io.github.aiobmp.auth.AiobTokenProvider;
import io.github.aiobmp.demo.DemoApplication;
import io.github.aiobmp.simulator.AiobSimulator;

/** Builds the test archives: the component, plus the simulator and the demo where a test needs them. */
final class Deployments {

    static final String BASE = "http://localhost:9080/";

    private Deployments() {
    }

    /** The component and the simulator; {@code aiob.url} points at that simulator. */
    static WebArchive componentWithSimulator(String name, Map<String, String> config) {
        Map<String, String> all = new TreeMap<>(Map.of("aiob.url", simulatorUrl(name),
                "aiob.access-key", AiobSimulator.DEFAULT_ACCESS_KEY,
                "aiob.secret-key", AiobSimulator.DEFAULT_SECRET_KEY));
        all.putAll(config);
        return archive(name, all)
                .addPackage(AiobTokenProvider.class.getPackage())
                .addPackage(AiobSimulator.class.getPackage());
    }

    /** The component, the simulator and the demo, with exactly the config given. */
    static WebArchive demo(String name, Map<String, String> config) {
        Map<String, String> all = new TreeMap<>(config);
        all.putAll(Map.of(
                "aiob-demo/mp-rest/url", "${aiob.url}",
                "aiob-demo/mp-rest/scope", "jakarta.enterprise.context.ApplicationScoped",
                "aiob-demo/mp-rest/connectTimeout", "2000",
                "aiob-demo/mp-rest/readTimeout", "5000"));
        return archive(name, all)
                .addPackage(AiobTokenProvider.class.getPackage())
                .addPackage(AiobSimulator.class.getPackage())
                .addPackage(DemoApplication.class.getPackage())
                .addAsResource("META-INF/services/org.eclipse.microprofile.config.spi.ConfigSource");
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
