package dev.conduit.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No hand-written source may carry a socket constant as a number: constants are named in C and
 * resolved per variant from the bindings. This scans the main sources of runtime, processor and
 * examples (the generated bindings in headers/ are not scanned) for two patterns, using the
 * allow-listed constant names of every {@code headers/inputs/* /symbols.txt} and their values in
 * every variant as {@link Dump} reads them:
 * <ol>
 *   <li>a line naming such a constant (as a whole word, in code or in a string) together with an
 *       integer literal equal to that constant's value on some variant, 0 and 1 excepted
 *       ({@code setsockopt(fd, SOL_SOCKET, 65535, ...)}, {@code Map.of("SO_REUSEADDR", 2)}); other
 *       numbers on such a line are not socket constants ({@code "AF_INET6", ..., 16} is the length
 *       of an IPv6 address);
 *   <li>a {@code static final} integral field named like such a constant
 *       ({@code static final int SOL_SOCKET = ...}), whatever its value: a shadow copy of a
 *       per-variant value.
 * </ol>
 * Limits: comments are ignored (prose may quote platform values); a number on another line than
 * the name (a bare {@code setsockopt(fd, 65535, 4, ...)}, a table split over lines), a number that
 * is no variant's value, constants not in the allow-lists, and 0 and 1 (too common to flag:
 * {@code TCP_NODELAY, 1}) go unnoticed. It is a tripwire for the obvious regressions, not a proof.
 */
class NoNumericSocketConstantsTest {

    private static final Pattern INTEGER =
            Pattern.compile("(?<![\\w.$])(0[xX][0-9a-fA-F_]+|0[bB][01_]+|[0-9][0-9_]*)[lL]?(?![\\w.])");
    private static final Pattern STATIC_FINAL_FIELD = Pattern.compile(
            "\\b(?:static\\s+final|final\\s+static)\\s+(?:int|long|short|byte|char)\\s+([A-Za-z_$][\\w$]*)\\s*[=;]");

    @Test
    void mainSourcesNameSocketConstantsNeverNumbers() throws IOException {
        Map<String, Set<Long>> values = valuesOnAnyVariant();
        List<String> found = new ArrayList<>();
        for (String module : List.of("runtime", "processor", "examples")) {
            Path sources = Repo.root().resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(sources)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    found.addAll(violations(Repo.root().relativize(file).toString(), Files.readString(file), values));
                }
            }
        }
        assertEquals(List.of(), found, "socket constants written as numbers; name them and let the variant resolve them");
    }

    @Test
    void theScanCatchesNumbersNextToNamesAndShadowFields() {
        String source = """
                class Bad {
                    private static final int SOL_SOCKET = Libc.SOL_SOCKET(); // shadow copy
                    static final long EAGAIN = 35;
                    void f() { setsockopt(fd, SOL_SOCKET, 0xFFFF, on); }
                    Map<String, Integer> m = Map.of("AF_INET6", 30);
                    /* SOL_SOCKET is 65535 on macOS */
                    // AF_INET6 is 10 on Linux
                    @SockOpt(level = "SOL_SOCKET", name = "SO_REUSEADDR") void ok(int fd, boolean on);
                    void alsoOk() { setsockopt(fd, SOL_SOCKET, TCP_NODELAY, 1); int sockaddr_in6 = AF_INET6; }
                    INET6("AF_INET6", "sockaddr_in6", 16), // an address length, no AF_INET6 value
                    static final int BUFFER = 65535;
                }
                """;
        Map<String, Set<Long>> values = Map.of("SOL_SOCKET", Set.of(1L, 65535L), "EAGAIN", Set.of(11L, 35L),
                "AF_INET6", Set.of(10L, 30L), "SO_REUSEADDR", Set.of(2L, 4L), "TCP_NODELAY", Set.of(1L));
        assertEquals(List.of(
                "Bad.java:2: static final field named like the socket constant SOL_SOCKET",
                "Bad.java:3: static final field named like the socket constant EAGAIN",
                "Bad.java:3: 35 is a value of EAGAIN",
                "Bad.java:4: 0xFFFF is a value of SOL_SOCKET",
                "Bad.java:5: 30 is a value of AF_INET6"), violations("Bad.java", source, values));
    }

    /** Every allow-listed constant name with the values it has on the variants (per Dump). */
    static Map<String, Set<Long>> valuesOnAnyVariant() {
        Map<String, Set<Long>> values = new TreeMap<>();
        Repo.allowListedAnywhere("constant").forEach(name -> values.put(name, new TreeSet<>()));
        for (String variant : Dump.variants()) {
            Abi.dump(variant).constants().forEach((name, value) -> values.computeIfAbsent(name, n -> new TreeSet<>()).add(value));
        }
        return values;
    }

    static List<String> violations(String file, String source, Map<String, Set<Long>> values) {
        List<String> found = new ArrayList<>();
        Pattern name = Pattern.compile("\\b(" + String.join("|", new TreeSet<>(values.keySet())) + ")\\b");
        String[] lines = withoutComments(source).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String where = file + ":" + (i + 1) + ": ";
            Matcher field = STATIC_FINAL_FIELD.matcher(line);
            while (field.find()) {
                if (values.containsKey(field.group(1))) {
                    found.add(where + "static final field named like the socket constant " + field.group(1));
                }
            }
            Set<String> named = new TreeSet<>();
            for (Matcher constant = name.matcher(line); constant.find(); ) {
                named.add(constant.group(1));
            }
            for (Matcher number = INTEGER.matcher(line); number.find(); ) {
                Long value = parse(number.group(1));
                if (value == null || value == 0 || value == 1) {
                    continue;
                }
                for (String constant : named) {
                    if (values.get(constant).contains(value)) {
                        found.add(where + number.group() + " is a value of " + constant);
                    }
                }
            }
        }
        return found;
    }

    /** A Java integer literal's value, or null if it does not fit a long. */
    private static Long parse(String literal) {
        String digits = literal.replace("_", "").toLowerCase();
        int radix = 10;
        if (digits.startsWith("0x") || digits.startsWith("0b")) {
            radix = digits.charAt(1) == 'x' ? 16 : 2;
            digits = digits.substring(2);
        } else if (digits.length() > 1 && digits.startsWith("0")) {
            radix = 8;
        }
        try {
            return Long.parseUnsignedLong(digits, radix);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The source with comments blanked (line breaks kept), string and char literals left as they are. */
    static String withoutComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                while (i < n && source.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                for (; i < end; i++) {
                    out.append(source.charAt(i) == '\n' ? '\n' : ' ');
                }
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
                out.append(source, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && source.charAt(j) != c && source.charAt(j) != '\n') {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(j + 1, n);
                out.append(source, i, j);
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
