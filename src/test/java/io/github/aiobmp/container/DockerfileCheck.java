package io.github.aiobmp.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Checks that a project's Dockerfile still matches its build: it cannot be built on this project's
 * machines, so this is what notices when it falls behind. Each problem is one readable sentence.
 */
final class DockerfileCheck {

    /**
     * What the build says, as Maven resolves it.
     *
     * @param projectDir     the folder holding Dockerfile, .dockerignore, server.xml and target/
     * @param libertyVersion the Open Liberty release the build runs ({@code liberty.runtime.version})
     * @param javaRelease    the Java release the code is compiled for
     * @param warFileName    the WAR the build makes ({@code finalName} + {@code .war})
     * @param projectVersion the project's version
     * @param license        the project's licence, as an SPDX identifier
     */
    record BuildFacts(Path projectDir, String libertyVersion, int javaRelease, String warFileName,
            String projectVersion, String license) {
    }

    static final String SERVER_XML_IN_IMAGE = "/config/server.xml";
    static final String APPS_IN_IMAGE = "/config/apps/";
    static final List<String> REQUIRED_LABELS = List.of("title", "description", "version", "licenses", "vendor")
            .stream().map(name -> "org.opencontainers.image." + name).toList();
    /** The AIOB credentials' environment variables: supplied at run time, never in the image. */
    static final Set<String> CREDENTIAL_VARIABLES = Set.of("AIOB_ACCESS_KEY", "AIOB_SECRET_KEY");

    private static final Pattern BASE_IMAGE = Pattern.compile(
            "icr\\.io/appcafe/open-liberty:(?<version>[0-9.]+)-kernel-slim-java(?<java>\\d+)-[a-z0-9.-]+");
    private static final Pattern SECRET_LIKE_NAME = Pattern.compile("(?i).*(secret|password|passwd|token|access_?key).*");

    private final BuildFacts build;
    private final Dockerfile dockerfile;
    private final DockerIgnore ignore;
    private final Document serverXml;
    private final List<String> problems = new ArrayList<>();

    private DockerfileCheck(BuildFacts build) throws IOException {
        this.build = build;
        this.dockerfile = Dockerfile.parse(Files.readString(build.projectDir().resolve("Dockerfile")));
        Path ignoreFile = build.projectDir().resolve(".dockerignore");
        this.ignore = Files.exists(ignoreFile) ? DockerIgnore.parse(Files.readString(ignoreFile)) : DockerIgnore.none();
        this.serverXml = parseXml(build.projectDir().resolve("server.xml"));
    }

    /** Returns what is wrong with {@code build}'s Dockerfile; empty when nothing is. */
    static List<String> problems(BuildFacts build) throws IOException {
        DockerfileCheck check = new DockerfileCheck(build);
        check.baseImage();
        check.copySources();
        Optional<Dockerfile.Copy> serverXml = check.serverXml();
        Optional<Dockerfile.Copy> war = check.war();
        check.scriptOrder(serverXml, war);
        check.user();
        check.noBakedCredentials();
        check.labels();
        check.exposedPorts();
        return List.copyOf(check.problems);
    }

    private void baseImage() {
        Optional<Dockerfile.Instruction> from = dockerfile.last("FROM");
        if (from.isEmpty()) {
            problems.add("No FROM instruction");
            return;
        }
        String image = from.get().words().get(0);
        Matcher m = BASE_IMAGE.matcher(image);
        if (!m.matches()) {
            problems.add(from.get() + ": the base image is not icr.io/appcafe/open-liberty:<version>-kernel-slim-java<N>-…");
            return;
        }
        if (!m.group("version").equals(build.libertyVersion())) {
            problems.add(from.get() + ": Open Liberty " + m.group("version") + ", but the build runs "
                    + build.libertyVersion() + " (liberty.runtime.version in pom.xml)");
        }
        if (Integer.parseInt(m.group("java")) < build.javaRelease()) {
            problems.add(from.get() + ": Java " + m.group("java") + ", but the code is compiled for Java "
                    + build.javaRelease());
        }
    }

    private void copySources() {
        for (Dockerfile.Copy copy : dockerfile.copies()) {
            if (copy.fromStage().isPresent()) {
                continue;
            }
            for (String source : copy.sources()) {
                String relative = contextPath(source);
                if (!Files.exists(build.projectDir().resolve(relative))) {
                    problems.add(copy.instruction() + ": '" + source + "' does not exist after the build");
                } else if (ignore.excludes(relative)) {
                    problems.add(copy.instruction() + ": '" + source + "' is left out of the build context by .dockerignore");
                }
            }
        }
    }

    private Optional<Dockerfile.Copy> serverXml() {
        Optional<Dockerfile.Copy> copy = dockerfile.copies().stream()
                .filter(c -> c.sources().stream().anyMatch(s -> destinationOf(c, s).equals(SERVER_XML_IN_IMAGE)))
                .reduce((first, second) -> second);
        if (copy.isEmpty()) {
            problems.add("Nothing is copied to " + SERVER_XML_IN_IMAGE);
        } else if (!copy.get().sources().stream().map(DockerfileCheck::contextPath).toList().equals(List.of("server.xml"))) {
            problems.add(copy.get() + ": " + SERVER_XML_IN_IMAGE + " must be the project's own server.xml (the one"
                    + " liberty:run and the tests use)");
        }
        return copy;
    }

    private Optional<Dockerfile.Copy> war() {
        List<Dockerfile.Copy> wars = dockerfile.copies().stream()
                .filter(c -> c.sources().stream().anyMatch(s -> s.endsWith(".war"))).toList();
        if (wars.size() != 1) {
            problems.add("Expected one COPY of the WAR, found " + wars.size());
            return Optional.empty();
        }
        Dockerfile.Copy copy = wars.get(0);
        String expected = "target/" + build.warFileName();
        if (!copy.sources().stream().map(DockerfileCheck::contextPath).toList().equals(List.of(expected))) {
            problems.add(copy.instruction() + ": copies " + copy.sources() + ", but the build makes " + expected);
            return Optional.of(copy);
        }
        String inImage = destinationOf(copy, copy.sources().get(0));
        String location = webApplicationLocation();
        if (!inImage.equals(APPS_IN_IMAGE + location)) {
            problems.add(copy.instruction() + ": the WAR lands at " + inImage + ", but server.xml's <webApplication"
                    + " location=\"" + location + "\"> reads " + APPS_IN_IMAGE + location);
        }
        if (!location.equals(build.warFileName())) {
            problems.add("server.xml's <webApplication location=\"" + location + "\"> is not the WAR the build makes, "
                    + build.warFileName());
        }
        return Optional.of(copy);
    }

    /** Open Liberty's image convention: server.xml, then features.sh, then the app, then configure.sh. */
    private void scriptOrder(Optional<Dockerfile.Copy> serverXml, Optional<Dockerfile.Copy> war) {
        int features = runLine("features.sh");
        int configure = runLine("configure.sh");
        if (features < 0 || configure < 0) {
            problems.add("The image must RUN features.sh and configure.sh (Open Liberty's kernel-slim convention)");
            return;
        }
        if (serverXml.isPresent() && serverXml.get().instruction().line() > features) {
            problems.add("RUN features.sh comes before server.xml is copied: it would install no features");
        }
        if (war.isPresent() && war.get().instruction().line() < features) {
            problems.add("The WAR is copied before RUN features.sh: every application change would reinstall the features");
        }
        if (war.isPresent() && war.get().instruction().line() > configure) {
            problems.add("RUN configure.sh comes before the WAR is copied; it must be the last step that configures the server");
        }
    }

    private void user() {
        Optional<Dockerfile.Instruction> user = dockerfile.last("USER");
        if (user.isEmpty()) {
            problems.add("No USER instruction: the image must say that it runs as a non-root user (1001)");
            return;
        }
        String name = user.get().words().get(0).split(":")[0];
        if (name.equals("root") || name.equals("0")) {
            problems.add(user.get() + ": the server must not run as root");
        }
    }

    private void noBakedCredentials() {
        for (String keyword : List.of("ENV", "ARG")) {
            for (Dockerfile.Instruction instruction : dockerfile.all(keyword)) {
                instruction.pairs().forEach((name, value) -> {
                    if (CREDENTIAL_VARIABLES.contains(name)) {
                        problems.add("line " + instruction.line() + ": " + keyword + " " + name + " bakes an AIOB"
                                + " credential into the image (or its history); pass it at run time instead");
                    } else if (value != null && !value.isBlank() && SECRET_LIKE_NAME.matcher(name).matches()) {
                        problems.add("line " + instruction.line() + ": " + keyword + " " + name + " gives a secret-looking"
                                + " variable a value in the image");
                    }
                });
            }
        }
    }

    private void labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        dockerfile.all("LABEL").forEach(label -> labels.putAll(label.pairs()));
        for (String required : REQUIRED_LABELS) {
            String value = labels.get(required);
            if (value == null || value.isBlank()) {
                problems.add("The OCI label " + required + " is missing");
            }
        }
        String licenses = labels.get("org.opencontainers.image.licenses");
        if (licenses != null && !licenses.equals(build.license())) {
            problems.add("The label org.opencontainers.image.licenses is '" + licenses + "', but the project's licence is "
                    + build.license());
        }
        String version = labels.get("org.opencontainers.image.version");
        if (version != null && !substituteArgs(version).equals(build.projectVersion())) {
            problems.add("The label org.opencontainers.image.version is '" + substituteArgs(version)
                    + "' by default, but the project's version is " + build.projectVersion());
        }
    }

    /** The ports server.xml listens on by default must be the ones the image declares. */
    private void exposedPorts() {
        List<String> exposed = dockerfile.all("EXPOSE").stream().flatMap(e -> e.words().stream())
                .map(port -> port.split("/")[0]).toList();
        for (String variable : List.of("http.port", "https.port")) {
            serverXmlVariable(variable).filter(port -> !port.equals("-1")).ifPresent(port -> {
                if (!exposed.contains(port)) {
                    problems.add("server.xml listens on " + port + " (" + variable + "), but the Dockerfile does not EXPOSE it");
                }
            });
        }
    }

    private int runLine(String script) {
        return dockerfile.all("RUN").stream().filter(run -> run.words().contains(script))
                .mapToInt(Dockerfile.Instruction::line).findFirst().orElse(-1);
    }

    private String substituteArgs(String value) {
        String result = value;
        for (Map.Entry<String, String> arg : dockerfile.argDefaults().entrySet()) {
            result = result.replace("${" + arg.getKey() + "}", arg.getValue()).replace("$" + arg.getKey(), arg.getValue());
        }
        return result;
    }

    private String webApplicationLocation() {
        NodeList apps = serverXml.getElementsByTagName("webApplication");
        if (apps.getLength() != 1) {
            problems.add("server.xml must have exactly one <webApplication>, found " + apps.getLength());
            return "";
        }
        return ((Element) apps.item(0)).getAttribute("location");
    }

    private Optional<String> serverXmlVariable(String name) {
        NodeList variables = serverXml.getElementsByTagName("variable");
        for (int i = 0; i < variables.getLength(); i++) {
            Element variable = (Element) variables.item(i);
            if (variable.getAttribute("name").equals(name)) {
                String value = variable.hasAttribute("value") ? variable.getAttribute("value") : variable.getAttribute("defaultValue");
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static Document parseXml(Path file) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(file.toFile());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("Cannot read " + file, e);
        }
    }

    /** Where {@code source} ends up in the image: a destination ending in {@code /} is a folder. */
    private static String destinationOf(Dockerfile.Copy copy, String source) {
        String destination = copy.destination();
        if (destination.endsWith("/") || copy.sources().size() > 1) {
            String name = source.substring(source.lastIndexOf('/') + 1);
            return (destination.endsWith("/") ? destination : destination + "/") + name;
        }
        return destination;
    }

    /** A COPY source as a path in the build context, which is the project folder. */
    private static String contextPath(String source) {
        return Path.of(source.replaceFirst("^/+", "")).normalize().toString().replace('\\', '/');
    }
}
