package io.github.aiobmp.auth.internal.destination;

import static io.github.aiobmp.auth.internal.destination.TokenDestinations.Verdict.ATTACH;
import static io.github.aiobmp.auth.internal.destination.TokenDestinations.Verdict.REFUSE_PLAIN_HTTP;
import static io.github.aiobmp.auth.internal.destination.TokenDestinations.Verdict.SKIP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Verifies where the token may go: aiob.url's scheme, host and effective port (hosts and schemes
 * compared case-insensitively), the allowed hosts, and never plain HTTP off loopback.
 */
class TokenDestinationsTest {

    private final TokenDestinations destinations = new TokenDestinations(
            AiobDestination.of(URI.create("https://aiob-open.baidu.com")),
            List.of(TokenDestinations.AllowedHost.parse("gw.example.com"),
                    TokenDestinations.AllowedHost.parse("alt.example.com:8443"),
                    TokenDestinations.AllowedHost.parse("localhost:9080")),
            false);

    @ParameterizedTest
    @CsvSource({
        "https://aiob-open.baidu.com/api/v1/robot/list, ATTACH",
        "https://aiob-open.baidu.com/api/v3/console/realtime/status/create?x=1, ATTACH",
        "https://AIOB-OPEN.baidu.com:443/api/v1/robot/list, ATTACH",
        "HTTPS://AIOB-Open.Baidu.COM/api, ATTACH",
        "http://aiob-open.baidu.com:443/api, REFUSE_PLAIN_HTTP",
        "https://aiob-open.baidu.com@example.com/api, SKIP",
        "https://example.com/api, SKIP",
        "https://aiob-open.baidu.com:8443/api, SKIP",
        "http://aiob-open.baidu.com/api, REFUSE_PLAIN_HTTP",
        "https://aiob-open.baidu.com.evil.example/api, SKIP",
        "https://gw.example.com/api, ATTACH",
        "https://gw.example.com:444/api, SKIP",
        "http://gw.example.com/api, REFUSE_PLAIN_HTTP",
        "https://alt.example.com:8443/x, ATTACH",
        "https://alt.example.com/x, SKIP",
        "http://localhost:9080/aiob-simulator/api, ATTACH",
        "http://LOCALHOST:9080/x, ATTACH",
        "http://localhost/x, SKIP",
        "https://other.example.com/api, SKIP",
    })
    void verdict(String uri, TokenDestinations.Verdict expected) {
        assertEquals(expected, destinations.verdict(URI.create(uri)));
    }

    @Test
    void plainHttp_isAllowedWhenConfigured() {
        TokenDestinations plain = new TokenDestinations(AiobDestination.of(URI.create("http://aiob.internal")),
                List.of(), true);

        assertEquals(ATTACH, plain.verdict(URI.create("http://aiob.internal/api")));
        assertEquals(SKIP, plain.verdict(URI.create("https://aiob.internal/api")), "another port: 443, not 80");
        assertEquals(REFUSE_PLAIN_HTTP, new TokenDestinations(AiobDestination.of(URI.create("https://aiob.internal")),
                List.of(), false).verdict(URI.create("http://aiob.internal/api")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://gw.example.com", "gw.example.com/path", "user@gw.example.com", "gw.example.com:x",
            ""})
    void malformedAllowedHost_isRejected(String entry) {
        assertThrows(IllegalArgumentException.class, () -> TokenDestinations.AllowedHost.parse(entry));
    }
}
