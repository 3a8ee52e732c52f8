package io.github.aiobmp.auth.internal.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.aiobmp.auth.AiobConfigKeys;
import io.github.aiobmp.auth.AiobConfigurationException;
import io.github.aiobmp.auth.internal.cache.Backoff;
import io.github.aiobmp.auth.internal.cache.CachePolicy;
import io.github.aiobmp.auth.internal.cache.ContentionPolicy;
import io.github.aiobmp.auth.internal.cache.RefreshPolicy;
import io.github.aiobmp.auth.internal.destination.TokenDestinations;

/** Verifies that AiobSettings reads defaults, rejects invalid values naming the key, and never echoes a secret. */
class AiobSettingsTest {

    private static final String SECRET = "sk-81d7e3-SECRET-KEY";

    private static AiobSettings from(Map<String, String> values) {
        return AiobSettings.from(new StubConfig(values));
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + message + "' does not mention " + part);
        }
    }

    @Test
    void emptyConfig_givesTheDocumentedDefaults() {
        AiobSettings settings = from(Map.of());

        assertEquals(URI.create("https://aiob-open.baidu.com"), settings.url());
        assertEquals(new CachePolicy(
                new RefreshPolicy(Duration.ofSeconds(300), Duration.ofSeconds(60), Duration.ofSeconds(60)),
                new Backoff(Duration.ofMillis(1000), Duration.ofSeconds(60)), Duration.ofMillis(10_000),
                Duration.ofMillis(1000), new ContentionPolicy(2, Duration.ofMinutes(1), Duration.ofMinutes(2),
                        Duration.ofMinutes(1))), settings.cachePolicy());
        assertEquals(Set.of(401), settings.rejectionCodes());
        assertEquals(Duration.ofSeconds(5), settings.credentialsCheckInterval());
        assertEquals(TokenDestinations.Verdict.ATTACH,
                settings.destinations().verdict(URI.create("https://aiob-open.baidu.com/api/v1/robot/list")));
    }

    @Test
    void configuredValues_overrideTheDefaults() {
        AiobSettings settings = from(Map.of(
                AiobConfigKeys.URL, "http://localhost:9080/aiob-simulator",
                AiobConfigKeys.REFRESH_AHEAD, "2m",
                AiobConfigKeys.REFRESH_JITTER, "0s",
                AiobConfigKeys.EXPIRY_MARGIN, " 30s ",
                AiobConfigKeys.MAX_WAIT, "PT2.5S",
                AiobConfigKeys.FAILURE_BACKOFF_INITIAL, "200ms",
                AiobConfigKeys.FAILURE_BACKOFF_MAX, "5s",
                AiobConfigKeys.REAUTH_MIN_INTERVAL, "0ms",
                AiobConfigKeys.REJECTION_CODES, "401, 40001,",
                AiobConfigKeys.CREDENTIALS_CHECK_INTERVAL, "0s"));

        assertEquals(URI.create("http://localhost:9080/aiob-simulator"), settings.url());
        assertEquals(new CachePolicy(new RefreshPolicy(Duration.ofSeconds(120), Duration.ZERO, Duration.ofSeconds(30)),
                new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5)), Duration.ofMillis(2500), Duration.ZERO,
                new ContentionPolicy(2, Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(1))),
                settings.cachePolicy());
        assertEquals(Set.of(401, 40001), settings.rejectionCodes());
        assertEquals(Duration.ZERO, settings.credentialsCheckInterval());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://aiob-open.baidu.com", "http://10.0.0.7:8080/aiob"})
    void plainHttpToANonLoopbackHost_isRejected_unlessAllowed(String url) {
        AiobConfigurationException thrown = assertThrows(AiobConfigurationException.class,
                () -> from(Map.of(AiobConfigKeys.URL, url)));

        assertMentions(thrown.getMessage(), "aiob.url", "https", "aiob.allow-plain-http", "AIOB_ALLOW_PLAIN_HTTP");
        assertEquals(URI.create(url), from(Map.of(AiobConfigKeys.URL, url, AiobConfigKeys.ALLOW_PLAIN_HTTP, "true")).url());
    }

    @Test
    void userInfoInTheUrl_isRejected_withoutEchoingIt() {
        AiobConfigurationException thrown = assertThrows(AiobConfigurationException.class,
                () -> from(Map.of(AiobConfigKeys.URL, "https://user:" + SECRET + "@aiob.example.com")));

        assertMentions(thrown.getMessage(), "aiob.url", "user info");
        assertFalse(thrown.getMessage().contains(SECRET), thrown.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:9080/aiob-simulator", "http://127.0.0.1:9080", "http://[::1]:9080"})
    void plainHttpToLoopback_isAllowed(String url) {
        assertEquals(URI.create(url), from(Map.of(AiobConfigKeys.URL, url)).url());
    }

    @ParameterizedTest
    @ValueSource(strings = {AiobConfigKeys.ALLOWED_HOSTS + "=https://gw.example.com", AiobConfigKeys.ALLOWED_HOSTS + "=gw/x",
            AiobConfigKeys.REJECTION_CODES + "=401,abc", AiobConfigKeys.REJECTION_CODES + "=200",
            AiobConfigKeys.ALLOW_PLAIN_HTTP + "=yes", AiobConfigKeys.FAILURE_BACKOFF_INITIAL + "=0s",
            AiobConfigKeys.FAILURE_BACKOFF_MAX + "=0ms", AiobConfigKeys.CONTENTION_REJECTIONS + "=-1",
            AiobConfigKeys.CONTENTION_REJECTIONS + "=two", AiobConfigKeys.CONTENTION_REJECTIONS + "=101",
            AiobConfigKeys.CONTENTION_TOKEN_AGE + "=0s", AiobConfigKeys.CONTENTION_WINDOW + "=0s",
            AiobConfigKeys.CONTENTION_BACKOFF_MAX + "=0s"})
    void invalidValue_isRejectedNamingTheKeyAndTheValue(String assignment) {
        String[] keyValue = assignment.split("=", 2);
        AiobConfigurationException thrown = assertThrows(AiobConfigurationException.class,
                () -> from(Map.of(keyValue[0], keyValue[1])));

        assertMentions(thrown.getMessage(), keyValue[0]);
    }

    @Test
    void everyInvalidSetting_isNamedInOneMessage() {
        AiobConfigurationException thrown = assertThrows(AiobConfigurationException.class, () -> from(Map.of(
                AiobConfigKeys.URL, "aiob-open.baidu.com", AiobConfigKeys.MAX_WAIT, "-5",
                AiobConfigKeys.REJECTION_CODES, "x")));

        assertMentions(thrown.getMessage(), "Invalid aiob.url", "Invalid aiob.token.max-wait (environment variable AIOB_TOKEN_MAX_WAIT)",
                "Invalid aiob.token.rejection-codes");
    }

    @Test
    void contentionKeys_overrideTheDefaults() {
        AiobSettings settings = from(Map.of(AiobConfigKeys.CONTENTION_REJECTIONS, " 3 ",
                AiobConfigKeys.CONTENTION_TOKEN_AGE, "30s", AiobConfigKeys.CONTENTION_WINDOW, "5m",
                AiobConfigKeys.CONTENTION_BACKOFF_MAX, "10m"));

        assertEquals(new ContentionPolicy(3, Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(10)),
                settings.cachePolicy().contention());
        assertFalse(from(Map.of(AiobConfigKeys.CONTENTION_REJECTIONS, "0")).cachePolicy().contention().enabled());
    }

    @Test
    void contentionBackoffMaxBelowTheReauthInterval_isRejectedNamingBothKeys() {
        AiobConfigurationException thrown = assertThrows(AiobConfigurationException.class, () -> from(Map.of(
                AiobConfigKeys.REAUTH_MIN_INTERVAL, "5s", AiobConfigKeys.CONTENTION_BACKOFF_MAX, "2s")));

        assertMentions(thrown.getMessage(), AiobConfigKeys.CONTENTION_BACKOFF_MAX, AiobConfigKeys.REAUTH_MIN_INTERVAL,
                "'2s'");
    }

    @Test
    void backoffMaxBelowInitial_isRejectedNamingBothKeys() {
        AiobConfigurationException thrown = assertThrows(AiobConfigurationException.class, () -> from(Map.of(
                AiobConfigKeys.FAILURE_BACKOFF_INITIAL, "5s", AiobConfigKeys.FAILURE_BACKOFF_MAX, "2s")));

        assertMentions(thrown.getMessage(), AiobConfigKeys.FAILURE_BACKOFF_MAX, AiobConfigKeys.FAILURE_BACKOFF_INITIAL);
    }

    @Test
    void trailingSlash_isStrippedFromTheUrl() {
        assertEquals(URI.create("https://aiob.example.com/base"),
                from(Map.of(AiobConfigKeys.URL, "https://aiob.example.com/base/")).url());
        assertEquals(URI.create("https://aiob.example.com"),
                from(Map.of(AiobConfigKeys.URL, "https://aiob.example.com/")).url());
        assertEquals(URI.create("https://aiob.example.com"),
                from(Map.of(AiobConfigKeys.URL, "https://aiob.example.com//")).url());
    }

    @ParameterizedTest
    @ValueSource(strings = {AiobConfigKeys.REFRESH_AHEAD, AiobConfigKeys.REFRESH_JITTER, AiobConfigKeys.EXPIRY_MARGIN,
            AiobConfigKeys.MAX_WAIT})
    void negativeDuration_isRejectedNamingTheKey(String key) {
        AiobConfigurationException thrown = assertThrows(AiobConfigurationException.class,
                () -> from(Map.of(key, "-1s")));

        assertMentions(thrown.getMessage(), key, "'-1s'");
    }

    @ParameterizedTest
    @ValueSource(strings = {AiobConfigKeys.REFRESH_AHEAD, AiobConfigKeys.REFRESH_JITTER, AiobConfigKeys.EXPIRY_MARGIN,
            AiobConfigKeys.MAX_WAIT})
    void bareNumber_isRejected_showingTheFormsThatCarryAUnit(String key) {
        AiobConfigurationException thrown = assertThrows(AiobConfigurationException.class,
                () -> from(Map.of(key, "300")));

        assertMentions(thrown.getMessage(), key, "'300'", "300ms, 10s, 5m, 1h, 2d", "PT5M", "a bare number has no unit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5 minutes", "5x", "1.5s", "PT-5M", "P", "ms", "99999999999999999999d", "106751991167301d"})
    void durationInAnotherForm_isRejected_showingTheAcceptedForms(String value) {
        AiobConfigurationException thrown = assertThrows(AiobConfigurationException.class,
                () -> from(Map.of(AiobConfigKeys.MAX_WAIT, value)));

        assertMentions(thrown.getMessage(), AiobConfigKeys.MAX_WAIT, "'" + value + "'", "300ms, 10s, 5m, 1h, 2d");
    }

    @ParameterizedTest
    @CsvSource({"PT0.0001S, at least 1ms", "366d, at most 365d", "200000d, at most 365d"})
    void durationOutOfRange_isRejected_sayingTheRange(String value, String expected) {
        AiobConfigurationException thrown = assertThrows(AiobConfigurationException.class,
                () -> from(Map.of(AiobConfigKeys.FAILURE_BACKOFF_MAX, value)));

        assertMentions(thrown.getMessage(), AiobConfigKeys.FAILURE_BACKOFF_MAX, "'" + value + "'", expected);
    }

    @ParameterizedTest
    @CsvSource({"300ms, PT0.3S", "10s, PT10S", "5m, PT5M", "1h, PT1H", "2d, PT48H", "PT5M, PT5M", "P1D, PT24H",
            "' 10S ', PT10S", "0s, PT0S"})
    void durationWithItsUnit_isRead(String value, String expected) {
        assertEquals(Duration.parse(expected), AiobSettings.parseDuration(value));
    }

    @Test
    void zeroMaxWait_isRejectedNamingTheKey() {
        AiobConfigurationException thrown = assertThrows(AiobConfigurationException.class,
                () -> from(Map.of(AiobConfigKeys.MAX_WAIT, "0s")));

        assertMentions(thrown.getMessage(), AiobConfigKeys.MAX_WAIT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "aiob-open.baidu.com", "ftp://aiob-open.baidu.com", "https:///path-only"})
    void invalidUrl_isRejectedNamingTheKey(String url) {
        AiobConfigurationException thrown = assertThrows(AiobConfigurationException.class,
                () -> from(Map.of(AiobConfigKeys.URL, url)));

        assertMentions(thrown.getMessage(), "aiob.url", "AIOB_URL");
    }

    @Test
    void unknownSettings_areNamed_withTheKeyARenamedOneHasNow() {
        List<String> unknown = AiobSettings.unknownSettings(new StubConfig(Map.of(
                "aiob.token.max-wait-millis", "500",
                "AIOB_TOKEN_REAUTH_MIN_INTERVAL_MILLIS", "0",
                "aiob.tokn.prefetch", "true",
                AiobConfigKeys.MAX_WAIT, "5s",
                "AIOB_ACCESS_KEY", "ak",
                "aiob.simulator.expires-minutes", "5",
                "aiob-demo/mp-rest/url", "http://localhost",
                "aiob.api/mp-rest/url", "http://localhost",
                // As Open Liberty lists AIOB_TOKEN_STORE_JCACHE_URI, a key without a default.
                "aiob.token.store.jcache.uri", "classpath:hazelcast.xml")));

        assertEquals(List.of(
                "AIOB_TOKEN_REAUTH_MIN_INTERVAL_MILLIS is not a setting of the component, and is ignored: it was"
                        + " renamed aiob.token.reauth-min-interval (environment variable AIOB_TOKEN_REAUTH_MIN_INTERVAL),"
                        + " whose value carries its unit (e.g. 1s)",
                "aiob.token.max-wait-millis is not a setting of the component, and is ignored: it was renamed"
                        + " aiob.token.max-wait (environment variable AIOB_TOKEN_MAX_WAIT), whose value carries its"
                        + " unit (e.g. 10s)",
                "aiob.tokn.prefetch is not a setting of the component, and is ignored"), unknown);
    }

    @Test
    void credentials_areReadStripped() {
        AiobSettings.Credentials credentials = AiobSettings.credentials(new StubConfig(Map.of(
                AiobConfigKeys.ACCESS_KEY, " ak-123 ", AiobConfigKeys.SECRET_KEY, SECRET)));

        assertEquals(new AiobSettings.Credentials("ak-123", SECRET), credentials);
    }

    @Test
    void missingCredentials_nameBothPropertiesAndTheirEnvironmentVariables() {
        AiobConfigurationException thrown = assertThrows(AiobConfigurationException.class,
                () -> AiobSettings.credentials(new StubConfig(Map.of())));

        assertMentions(thrown.getMessage(), "aiob.access-key", "AIOB_ACCESS_KEY", "aiob.secret-key", "AIOB_SECRET_KEY");
    }

    @Test
    void blankAccessKey_countsAsMissing_andTheGivenSecretIsNotEchoed() {
        AiobConfigurationException thrown = assertThrows(AiobConfigurationException.class,
                () -> AiobSettings.credentials(new StubConfig(Map.of(
                        AiobConfigKeys.ACCESS_KEY, "  ", AiobConfigKeys.SECRET_KEY, SECRET))));

        assertMentions(thrown.getMessage(), "aiob.access-key", "AIOB_ACCESS_KEY");
        assertFalse(thrown.getMessage().contains(SECRET), thrown.getMessage());
    }

    @Test
    void missingSecretKey_isNamed() {
        AiobConfigurationException thrown = assertThrows(AiobConfigurationException.class,
                () -> AiobSettings.credentials(new StubConfig(Map.of(AiobConfigKeys.ACCESS_KEY, "ak-123"))));

        assertMentions(thrown.getMessage(), "aiob.secret-key", "AIOB_SECRET_KEY");
        assertFalse(thrown.getMessage().contains(AiobConfigKeys.ACCESS_KEY), thrown.getMessage());
    }
}
