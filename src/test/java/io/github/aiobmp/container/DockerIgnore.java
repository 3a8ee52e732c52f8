package io.github.aiobmp.container;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A .dockerignore: which paths of the build context {@code docker build} leaves out. Patterns are
 * matched against the path and each of its parent folders, the last matching pattern wins, and a
 * pattern starting with {@code !} lets a path back in ({@code *}, {@code ?} and {@code **} as in Docker).
 */
final class DockerIgnore {

    private record Rule(Pattern pattern, boolean exception) {
    }

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    static DockerIgnore parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean exception = line.startsWith("!");
            String glob = (exception ? line.substring(1) : line).strip().replaceAll("^/+|/+$", "");
            rules.add(new Rule(toRegex(glob), exception));
        }
        return new DockerIgnore(rules);
    }

    static DockerIgnore none() {
        return new DockerIgnore(List.of());
    }

    /** Whether the build context leaves out {@code path} (relative, with {@code /} separators). */
    boolean excludes(String path) {
        boolean excluded = false;
        for (Rule rule : rules) {
            if (matchesItselfOrAParent(rule.pattern(), path)) {
                excluded = !rule.exception();
            }
        }
        return excluded;
    }

    private static boolean matchesItselfOrAParent(Pattern pattern, String path) {
        for (String prefix = path; ; prefix = prefix.substring(0, prefix.lastIndexOf('/'))) {
            if (pattern.matcher(prefix).matches()) {
                return true;
            }
            if (prefix.indexOf('/') < 0) {
                return false;
            }
        }
    }

    private static Pattern toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (glob.startsWith("**/", i)) {
                regex.append("(?:.*/)?");
                i += 2;
            } else if (glob.startsWith("**", i)) {
                regex.append(".*");
                i += 1;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
