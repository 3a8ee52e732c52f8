package io.github.aiobmp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.net.URI;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.eclipse.microprofile.rest.client.spi.RestClientBuilderListener;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.aiobmp.auth.AiobConfigKeys;

/**
 * Verifies, on a server with no {@code aiob.url} anywhere (not even in server.xml), that a client
 * configured exactly as the README says resolves {@code ${aiob.url}} to the component's default:
 * its requests are built for {@code https://aiob-open.baidu.com}. A recording filter answers them
 * before anything is sent, so no host is resolved. The component comes as its published jar.
 */
@ExtendWith(ArquillianExtension.class)
class ReadmeDefaultUrlBareIT {

    /** The README's {@code microprofile-config.properties}, and nothing else. */
    static final String README_CONFIG = """
            aiob/mp-rest/url=${aiob.url}
            aiob/mp-rest/scope=jakarta.enterprise.context.ApplicationScoped
            aiob/mp-rest/followRedirects=false
            """;

    @Deployment
    static WebArchive deployment() {
        // The auth jar as users get it, built by the package phase: its service file is what registers the defaults.
        return ShrinkWrap.create(WebArchive.class, "readme-default-url-bare-it.war")
                .addAsLibrary(new File("target/aiob-mp-auth.jar"))
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsResource(new StringAsset(README_CONFIG), "META-INF/microprofile-config.properties")
                .addClasses(AiobClient.class, RecordingAbortFilter.class)
                .addAsServiceProvider(RestClientBuilderListener.class, RecordingAbortFilter.class);
    }

    @Inject
    @RestClient
    AiobClient client;

    @Inject
    Config config;

    @BeforeEach
    void forgetRecordedRequests() {
        RecordingAbortFilter.REQUESTED.clear();
    }

    @Test
    void unsetAiobUrl_resolvesToTheDefault_forTheReadmesClient() {
        assertEquals("https://aiob-open.baidu.com", config.getValue(AiobConfigKeys.URL, String.class));

        client.robots(1, 10);
        client.realtimeCall(new AiobClient.RealtimeCall("robot-1", "13800000000", 2));

        assertEquals(List.of(URI.create("https://aiob-open.baidu.com/api/v1/robot/list?pn=1&ps=10"),
                URI.create("https://aiob-open.baidu.com/api/v3/console/realtime/status/create")),
                RecordingAbortFilter.REQUESTED);
    }
}
