package dev.conduit.headers.regen;

import dev.conduit.headers.BindingsNaming;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The symbols a variant's bindings must have: its symbol lists ({@code KIND NAME} per line, {@code #}
 * comments) merged, turned into the jextract argfile of {@code --include-KIND NAME} pairs, and the
 * check that jextract emitted every listed name: jextract skips unknown names silently.
 */
record AllowList(List<Entry> entries) {

    private static final Set<String> KINDS = Set.of("function", "constant", "struct", "union", "typedef");

    /** One symbol, and the list that names it (for messages). */
    record Entry(String kind, String name, Path listedIn) {
    }

    static AllowList read(List<Path> lists) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Path list : lists) {
            List<String> lines = Files.readAllLines(list, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] words = line.split("\\s+");
                if (words.length != 2 || !KINDS.contains(words[0])) {
                    throw new IOException(list + ":" + (i + 1) + ": expected 'KIND NAME' with KIND one of "
                            + new TreeSet<>(KINDS) + ", found: " + line);
                }
                if (!seen.add(words[0] + " " + words[1])) {
                    throw new IOException(list + ":" + (i + 1) + ": " + line + " is listed twice: remove one");
                }
                entries.add(new Entry(words[0], words[1], list));
            }
        }
        return new AllowList(entries);
    }

    /** jextract's argfile: one token per line, {@code --include-KIND} then {@code NAME}. */
    void writeArgfile(Path argfile) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Entry e : entries) {
            text.append("--include-").append(e.kind()).append('\n').append(e.name()).append('\n');
        }
        Files.writeString(argfile, text, StandardCharsets.UTF_8);
    }

    /** The listed names that the generated package does not contain. */
    List<String> absentFrom(Path packageDir) throws IOException {
        String headerClass = readAll(packageDir, BindingsNaming.HEADER_CLASS);
        List<String> absent = new ArrayList<>();
        for (Entry e : entries) {
            String n = Pattern.quote(e.name());
            boolean present = switch (e.kind()) {
                case "struct", "union" -> Files.exists(packageDir.resolve(e.name() + ".java"));
                case "function" -> headerClass.contains(" " + e.name() + "$address()")
                        || headerClass.contains("public static class " + e.name() + " {");
                case "constant" -> Pattern.compile("public static \\w+ " + n + "\\(\\)").matcher(headerClass).find();
                case "typedef" -> Pattern.compile("public static final \\w+ " + n + " =").matcher(headerClass).find()
                        || Files.exists(packageDir.resolve(e.name() + ".java"));
                default -> throw new IllegalStateException("read() accepts only " + KINDS);
            };
            if (!present) {
                absent.add(e.kind() + " " + e.name() + " (" + e.listedIn().getParent().getFileName() + "/"
                        + e.listedIn().getFileName() + ")");
            }
        }
        return absent;
    }

    /** The header class and the classes jextract splits it into ({@code Libc_1}, ..., {@code Libc$shared}). */
    private static String readAll(Path packageDir, String headerClass) throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path file : BindingsManifest.filesUnder(packageDir)) {
            String name = file.getFileName().toString();
            if (name.startsWith(headerClass) && name.endsWith(".java")) {
                all.append(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }
}
