package io.github.aiobmp.container;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Dockerfile read the way {@code docker build} reads it, as far as this project's checks need:
 * comments and blank lines dropped, continuation lines joined, one {@link Instruction} per instruction.
 */
record Dockerfile(List<Instruction> instructions) {

    Dockerfile {
        instructions = List.copyOf(instructions);
    }

    /**
     * One instruction.
     *
     * @param keyword   upper case, e.g. {@code COPY}
     * @param arguments the rest of the instruction, continuation lines joined with a space
     * @param line      the 1-based line it starts on
     */
    record Instruction(String keyword, String arguments, int line) {

        /** The arguments split on white space outside quotes, quotes removed. */
        List<String> words() {
            return Dockerfile.words(arguments);
        }

        /** {@code key=value} words (LABEL, ENV, ARG) in order; a bare {@code ARG NAME} maps to null. */
        Map<String, String> pairs() {
            Map<String, String> pairs = new LinkedHashMap<>();
            List<String> words = words();
            if (keyword.equals("ENV") && words.size() >= 2 && !words.get(0).contains("=")) {
                // The legacy form "ENV NAME value with spaces".
                pairs.put(words.get(0), arguments.trim().substring(words.get(0).length()).trim());
                return pairs;
            }
            for (String word : words) {
                int eq = word.indexOf('=');
                pairs.put(eq < 0 ? word : word.substring(0, eq), eq < 0 ? null : word.substring(eq + 1));
            }
            return pairs;
        }

        @Override
        public String toString() {
            return "line " + line + ": " + keyword + " " + arguments;
        }
    }

    /** A COPY or ADD: its sources and destination, with {@code --from} if it copies from another stage. */
    record Copy(Instruction instruction, List<String> sources, String destination, Optional<String> fromStage) {
    }

    static Dockerfile parse(String text) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder pending = null;
        int start = 0;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("#") || (line.isEmpty() && pending == null)) {
                continue;  // Docker drops comment lines even inside a continued instruction.
            }
            if (pending == null) {
                pending = new StringBuilder();
                start = i + 1;
            }
            boolean continues = line.endsWith("\\");
            pending.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
            if (!continues) {
                instructions.add(instruction(pending.toString().strip(), start));
                pending = null;
            }
        }
        if (pending != null) {
            instructions.add(instruction(pending.toString().strip(), start));
        }
        return new Dockerfile(instructions);
    }

    List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    Optional<Instruction> last(String keyword) {
        List<Instruction> found = all(keyword);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
    }

    /** Every COPY and ADD, in order. */
    List<Copy> copies() {
        List<Copy> copies = new ArrayList<>();
        for (Instruction instruction : instructions) {
            if (!instruction.keyword().equals("COPY") && !instruction.keyword().equals("ADD")) {
                continue;
            }
            List<String> words = new ArrayList<>(instruction.words());
            Optional<String> from = Optional.empty();
            while (!words.isEmpty() && words.get(0).startsWith("--")) {
                String flag = words.remove(0);
                if (flag.startsWith("--from=")) {
                    from = Optional.of(flag.substring("--from=".length()));
                }
            }
            List<String> paths = jsonArray(String.join(" ", words)).orElse(words);
            if (paths.size() >= 2) {
                copies.add(new Copy(instruction, List.copyOf(paths.subList(0, paths.size() - 1)),
                        paths.get(paths.size() - 1), from));
            }
        }
        return copies;
    }

    /** The value of each ARG that has a default, for substituting {@code ${NAME}}. */
    Map<String, String> argDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (Instruction arg : all("ARG")) {
            arg.pairs().forEach((name, value) -> {
                if (value != null) {
                    defaults.put(name, value);
                }
            });
        }
        return defaults;
    }

    private static Instruction instruction(String text, int line) {
        int space = text.indexOf(' ');
        String keyword = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
        return new Instruction(keyword, space < 0 ? "" : text.substring(space + 1).strip(), line);
    }

    /** The exec form {@code ["a", "b"]}, if that is what {@code text} is. */
    private static Optional<List<String>> jsonArray(String text) {
        String trimmed = text.strip();
        if (!trimmed.startsWith("[") || !trimmed.endsWith("]")) {
            return Optional.empty();
        }
        List<String> items = new ArrayList<>();
        for (String item : trimmed.substring(1, trimmed.length() - 1).split(",")) {
            items.add(item.strip().replaceAll("^\"|\"$", ""));
        }
        return Optional.of(items);
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
