package io.github.aiobmp.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.junit.jupiter.api.Test;

/** Verifies that AiobDestination matches a request URI only on the same scheme, host and effective port. */
class AiobDestinationTest {

    private static final AiobDestination AIOB = AiobDestination.of(URI.create("https://aiob-open.baidu.com"));

    private static boolean matches(String uri) {
        return AIOB.matches(URI.create(uri));
    }

    @Test
    void sameSchemeHostAndPort_matchesWhateverThePath() {
        assertTrue(matches("https://aiob-open.baidu.com/api/v3/console/realtime/status/create?x=1"));
    }

    @Test
    void explicitDefaultPort_equalsTheImplicitOne() {
        assertTrue(matches("https://aiob-open.baidu.com:443/api"));
        assertTrue(AiobDestination.of(URI.create("http://localhost")).matches(URI.create("http://localhost:80/x")));
    }

    @Test
    void hostAndScheme_compareCaseInsensitively() {
        assertTrue(matches("HTTPS://AIOB-Open.Baidu.COM/api"));
    }

    @Test
    void otherPort_doesNotMatch() {
        assertFalse(matches("https://aiob-open.baidu.com:8443/api"));
    }

    @Test
    void otherScheme_doesNotMatch() {
        assertFalse(matches("http://aiob-open.baidu.com/api"));
        assertFalse(matches("http://aiob-open.baidu.com:443/api"));
    }

    @Test
    void otherHost_doesNotMatch() {
        assertFalse(matches("https://example.com/api"));
        assertFalse(matches("https://aiob-open.baidu.com.example.com/api"));
        assertFalse(matches("https://aiob-open.baidu.com@example.com/api"));
    }
}
