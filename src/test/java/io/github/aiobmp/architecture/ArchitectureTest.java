package io.github.aiobmp.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Verifies, on the compiled main classes, that the packages depend on each other only as they
 * should, and that the component's public API is exactly the list below.
 */
class ArchitectureTest {

    private static final String AUTH = "io.github.aiobmp.auth";

    /**
     * The component's public types, each with why it is public. A new public type in
     * {@code io.github.aiobmp.auth} fails this test: put it under {@code auth.internal}, or add it
     * here on purpose.
     */
    private static final Map<String, String> PUBLIC_API = Map.ofEntries(
            Map.entry("AiobTokenProvider", "the token holder users inject"),
            Map.entry("AiobAuthFilter", "the filter users register on their rest clients"),
            Map.entry("AiobReauthenticate", "the annotation that opts a client in to resends"),
            Map.entry("TokenStatus", "what status() answers"),
            Map.entry("TokenState", "the state in a TokenStatus"),
            Map.entry("TokenInvalidation", "what invalidate() answers, and a rejection's outcome"),
            Map.entry("AiobException", "the base of every exception users catch"),
            Map.entry("AiobConfigurationException", "a setting is missing or invalid"),
            Map.entry("AiobCredentialsRejectedException", "AIOB refused the keys"),
            Map.entry("AiobTokenRejectedException", "AIOB refused the token on a call"),
            Map.entry("AiobUnavailableException", "AIOB could not be reached in time"),
            Map.entry("AiobClusterSplitException", "this server yields to the side of a split cluster with quorum"),
            Map.entry("AiobBadResponseException", "AIOB answered something unusable"),
            Map.entry("CauseChain", "finds an AiobException in what a rest client throws"),
            Map.entry("AiobExceptionMapper", "answers those exceptions as JSON, registered by users"),
            Map.entry("TokenEvents", "the SPI a metrics bean implements"),
            Map.entry("FetchOutcome", "what TokenEvents reports a fetch ended with"),
            Map.entry("TokenStoreState", "what tokenStoreState() answers, for readiness"),
            Map.entry("AiobConfigKeys", "names every configuration key"));

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.aiobmp");

    @Test
    void theComponent_dependsOnNoneOfTheModulesBuiltOnIt() {
        noClasses().that().resideInAPackage(AUTH + "..")
                .should().dependOnClassesThat().resideInAnyPackage("io.github.aiobmp.simulator..",
                        "io.github.aiobmp.demo..", "io.github.aiobmp.health..", "io.github.aiobmp.metrics..",
                        "io.github.aiobmp.cluster..")
                .check(MAIN);
    }

    @Test
    void theComponent_dependsOnlyOnTheJdkAndTheServersApis() {
        classes().that().resideInAPackage(AUTH + "..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(AUTH + "..", "java..", "javax.crypto..",
                        "javax.net.ssl..", "javax.management..", "jakarta..", "org.eclipse.microprofile..")
                .because("the auth jar brings no dependency of its own: the server provides the rest")
                .check(MAIN);
    }

    @Test
    void thePublicApi_showsNoInternalTypeInItsSignatures() {
        List<String> leaks = new ArrayList<>();
        MAIN.stream()
                .filter(type -> (type.getPackageName().equals(AUTH) || type.getPackageName().equals(AUTH + ".spi"))
                        && type.getModifiers().contains(JavaModifier.PUBLIC))
                .forEach(type -> {
                    type.getMembers().stream()
                            .filter(member -> member.getModifiers().contains(JavaModifier.PUBLIC)
                                    || member.getModifiers().contains(JavaModifier.PROTECTED))
                            .forEach(member -> signature(member).stream()
                                    .filter(shown -> shown.getPackageName().startsWith(AUTH + ".internal"))
                                    .forEach(shown -> leaks.add(member.getFullName() + " shows " + shown.getName())));
                    type.getAllClassesSelfIsAssignableTo().stream()
                            .filter(parent -> parent.getPackageName().startsWith(AUTH + ".internal"))
                            .forEach(parent -> leaks.add(type.getName() + " extends " + parent.getName()));
                });

        assertEquals(List.of(), leaks);
    }

    /** The types in {@code member}'s signature: its field type, or its return, parameter and thrown types. */
    private static List<JavaClass> signature(JavaMember member) {
        if (member instanceof JavaField field) {
            return List.of(field.getRawType());
        }
        JavaCodeUnit code = (JavaCodeUnit) member;
        List<JavaClass> shown = new ArrayList<>(code.getRawParameterTypes());
        shown.add(code.getRawReturnType());
        code.getThrowsClause().getTypes().forEach(shown::add);
        return shown;
    }

    @Test
    void theSimulator_knowsNothingOfTheComponent() {
        noClasses().that().resideInAPackage("io.github.aiobmp.simulator..")
                .should().dependOnClassesThat().resideInAPackage(AUTH + "..")
                .check(MAIN);
    }

    @Test
    void nothingOutsideTheComponent_usesItsInternals() {
        noClasses().that().resideOutsideOfPackage(AUTH + "..")
                .should().dependOnClassesThat().resideInAPackage(AUTH + ".internal..")
                .because("only the component's own packages may use auth.internal; everyone else uses its API")
                .check(MAIN);
    }

    @Test
    void theInternals_areAllUnderAuthInternal_besideTheApiAndTheSpi() {
        classes().that().resideInAPackage(AUTH + "..").and().resideOutsideOfPackages(AUTH, AUTH + ".spi")
                .should().resideInAPackage(AUTH + ".internal..")
                .check(MAIN);
    }

    @Test
    void theSpi_isExactlyWhatAStoreModuleImplements() {
        Set<String> publicTypes = new TreeSet<>();
        MAIN.stream().filter(type -> type.getPackageName().equals(AUTH + ".spi"))
                .filter(type -> type.getModifiers().contains(JavaModifier.PUBLIC))
                .forEach(type -> publicTypes.add(type.getSimpleName()));

        assertEquals(Set.of("TokenStore", "TokenStoreFactory", "TokenStoreNoQuorumException"), publicTypes);
    }

    @Test
    void theClusterModule_usesTheComponentsApiAndSpiOnly() {
        classes().that().resideInAPackage("io.github.aiobmp.cluster..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.github.aiobmp.cluster..", AUTH, AUTH + ".spi",
                        "java..", "javax.cache..", "org.eclipse.microprofile..")
                .check(MAIN);
    }

    @Test
    void thePublicTypesOfTheComponent_areExactlyItsApi() {
        Set<String> publicTypes = new TreeSet<>();
        MAIN.stream()
                .filter(type -> type.getPackageName().equals(AUTH))
                .filter(type -> type.getModifiers().contains(JavaModifier.PUBLIC))
                .filter(type -> type.isTopLevelClass())
                .forEach(type -> publicTypes.add(type.getSimpleName()));

        assertEquals(new TreeSet<>(PUBLIC_API.keySet()), publicTypes);
    }
}
