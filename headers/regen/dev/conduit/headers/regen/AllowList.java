package dev.conduit.headers.regen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A variant's {@code symbols.txt} (a jextract argfile of {@code --include-KIND NAME} pairs), and
 * the check that jextract emitted every listed name: jextract skips unknown names silently.
 */
record AllowList(List<Entry> entries) {

    record Entry(String kind, String name) {
    }

    static AllowList read(Path argfile) throws IOException {
        List<String> tokens = Files.readAllLines(argfile, StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(t -> !t.isEmpty() && !t.startsWith("#")).toList();
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i + 1 < tokens.size(); i += 2) {
            String option = tokens.get(i);
            if (!option.startsWith("--include-")) {
                throw new IOException(argfile + ": expected --include-KIND, found " + option);
            }
            entries.add(new Entry(option.substring("--include-".length()), tokens.get(i + 1)));
        }
        return new AllowList(entries);
    }

    /** The listed names that the generated package does not contain. */
    List<String> absentFrom(Path packageDir) throws IOException {
        String headerClass = readAll(packageDir, Variant.HEADER_CLASS);
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
                default -> throw new IOException("unknown include kind --include-" + e.kind());
            };
            if (!present) {
                absent.add(e.kind() + " " + e.name());
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
