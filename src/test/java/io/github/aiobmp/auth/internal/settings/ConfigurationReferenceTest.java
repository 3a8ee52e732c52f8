package io.github.aiobmp.auth.internal.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.github.aiobmp.auth.AiobConfigKeys;
import io.github.aiobmp.auth.AiobConfigurationException;

/**
 * Verifies that docs/configuration.md lists exactly the keys AiobConfigKeys declares, each with its
 * environment variable and its default, and that every default is one AiobSettings accepts.
 */
class ConfigurationReferenceTest {

    private static final Path REFERENCE = Path.of("docs", "configuration.md");
    private static final String SECTION = "## The component's keys";
    /** {@code | `key` | `ENV` | `default` or none | meaning |} */
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| `([^`]+)` \\| (`[^`]*`|none) \\| .+\\|$");

    @Test
    void referenceTable_matchesTheDeclaredKeys_environmentVariablesAndDefaults() throws IOException {
        Map<String, String> documented = documentedRows();

        Map<String, String> declared = new TreeMap<>();
        for (String key : declaredKeys()) {
            String defaultValue = AiobConfigKeys.defaultOf(key);
            declared.put(key, AiobConfigKeys.environmentVariable(key) + " " + (defaultValue == null ? "none"
                    : "`" + defaultValue + "`"));
        }
        assertEquals(declared, documented);
    }

    @Test
    void everyDefault_isAValueTheSettingsAccept() {
        AiobSettings fromDefaults = AiobSettings.from(new StubConfig(AiobConfigKeys.defaults()));
        AiobSettings unset = AiobSettings.from(new StubConfig(Map.of()));

        assertEquals(unset.url(), fromDefaults.url());
        assertEquals(unset.cachePolicy(), fromDefaults.cachePolicy());
        assertEquals(unset.destinations().describe(), fromDefaults.destinations().describe());
        assertEquals(unset.rejectionCodes(), fromDefaults.rejectionCodes());
        assertEquals(unset.credentialsCheckInterval(), fromDefaults.credentialsCheckInterval());
        assertEquals(unset.prefetch(), fromDefaults.prefetch());
    }

    @Test
    void everyDeclaredKey_isRead_soThatAnInvalidValueIsRefusedNamingIt() {
        for (String key : AiobConfigKeys.all()) {
            if (key.startsWith("aiob.token-store.jcache.")) {
                continue; // read by the cluster module as the store opens: JCacheTokenStoreFactoryTest
            }
            AiobConfigurationException thrown;
            if (key.equals(AiobConfigKeys.ACCESS_KEY) || key.equals(AiobConfigKeys.SECRET_KEY)) {
                thrown = assertThrows(AiobConfigurationException.class,
                        () -> AiobSettings.credentials(new StubConfig(Map.of())));
            } else {
                thrown = assertThrows(AiobConfigurationException.class,
                        () -> AiobSettings.from(new StubConfig(Map.of(key, "not-a-valid-value!"))), key);
            }
            assertTrue(thrown.getMessage().contains(key + " (environment variable"), key + ": " + thrown.getMessage());
        }
    }

    @Test
    void theListOfAllKeys_holdsEveryDeclaredOne() {
        assertEquals(new TreeSet<>(declaredKeys()), new TreeSet<>(AiobConfigKeys.all()));
    }

    @Test
    void everyDefault_isOfADeclaredKey() {
        assertEquals(List.of(), AiobConfigKeys.defaults().keySet().stream()
                .filter(key -> !declaredKeys().contains(key)).toList());
    }

    private static List<String> declaredKeys() {
        return Arrays.stream(AiobConfigKeys.class.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .map(ConfigurationReferenceTest::value).toList();
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    /** Key → "ENV `default`" (or "ENV none") for every row of the section's table. */
    private static Map<String, String> documentedRows() throws IOException {
        List<String> lines = Files.readAllLines(REFERENCE);
        int start = lines.indexOf(SECTION);
        assertEquals(true, start >= 0, REFERENCE + " has no section '" + SECTION + "'");
        Map<String, String> rows = new TreeMap<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                rows.put(row.group(1), row.group(2) + " " + row.group(3));
            }
        }
        return rows;
    }
}
