package dev.conduit.abi;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * C probes generated from {@link Dump}'s view of a variant, compiled against that variant's real
 * headers ({@code headers/inputs/<os>/conduit.h}, the wrapper jextract read). The probe names only
 * what Dump found, so it checks values; that Dump finds every allow-listed symbol is
 * {@link DumpTest}'s job.
 *
 * <p>Structs are written {@code struct <name>} and the allow-lists' {@code union} entries
 * {@code union <name>} (glibc's {@code union epoll_data}, which jextract emits because
 * {@code struct epoll_event} holds one): every struct and union in the allow-lists is tagged.
 *
 * <p>A field of size 0 in Dump is a trailing flexible array member ({@code unsigned char
 * __cmsg_data[]} in glibc's {@code struct cmsghdr}): jextract gives it a sequence layout of 0
 * elements. C's {@code sizeof} rejects such a member, so its size is checked with
 * {@code FLEXIBLE_ARRAY_SIZE}: 0 when the member's type is an array of unknown (or GNU zero)
 * length, -1 (no size at all) when it is anything else; its offset is checked as any other.
 */
final class Probe {

    private Probe() {}

    /**
     * The value Java sees for a C constant: its bits in its own C width, read as a signed number.
     * jextract does the same (an {@code unsigned} 0xffffffffu becomes the Java int -1), so this is
     * the value Dump must print.
     */
    private static final String PRELUDE = """
            #include <stddef.h>
            #include <stdio.h>
            #include "conduit.h"

            #define JAVA_VALUE(x) (sizeof(x) == 1 ? (long long)(signed char)(x) \\
                : sizeof(x) == 2 ? (long long)(short)(x) \\
                : sizeof(x) == 4 ? (long long)(int)(x) : (long long)(x))

            /* The size of a member that the bindings say has 0 bytes: 0 if it is a flexible (or GNU
               zero-length) array, whose type is then compatible with "array of 0 elements", else -1.
               sizeof cannot be applied to a flexible array member. */
            #define FLEXIBLE_ARRAY_SIZE(type, field) (__builtin_types_compatible_p( \
                __typeof__(((type *)0)->field), __typeof__(((type *)0)->field[0])[0]) ? 0LL : -1LL)
            """;

    /** A program that prints every constant and layout value of {@code abi} as the compiler sees it. */
    static String printingProgram(Abi abi) {
        StringBuilder c = new StringBuilder(PRELUDE).append("\nint main(void) {\n");
        abi.constants().keySet().forEach(name ->
                c.append("    printf(\"constant %s %lld\\n\", \"").append(name).append("\", JAVA_VALUE(").append(name).append("));\n"));
        abi.structs().forEach((name, struct) -> {
            String type = tagged(abi, name);
            c.append("    printf(\"struct %s %zu %zu\\n\", \"").append(name).append("\", sizeof(").append(type)
                    .append("), _Alignof(").append(type).append("));\n");
            struct.fields().forEach((field, f) -> c.append("    printf(\"field %s %s %zu %lld\\n\", \"")
                    .append(name).append("\", \"").append(field).append("\", offsetof(").append(type).append(", ")
                    .append(field).append("), ").append(fieldSize(type, field, f)).append(");\n"));
        });
        return c.append("    return 0;\n}\n").toString();
    }

    /** Reads {@link #printingProgram}'s output back into an {@link Abi}. */
    static Abi parse(String variant, String output) {
        SortedMap<String, Long> constants = new TreeMap<>();
        SortedMap<String, Abi.Struct> structs = new TreeMap<>();
        for (String line : output.lines().toList()) {
            String[] w = line.split(" ");
            switch (w[0]) {
                case "constant" -> constants.put(w[1], Long.parseLong(w[2]));
                case "struct" -> structs.put(w[1], new Abi.Struct(Long.parseLong(w[2]), Long.parseLong(w[3]), new LinkedHashMap<>()));
                case "field" -> structs.get(w[1]).fields().put(w[2], new Abi.Field(Long.parseLong(w[3]), Long.parseLong(w[4])));
                default -> throw new IllegalArgumentException("unexpected probe output: " + line);
            }
        }
        return new Abi(variant, constants, structs);
    }

    /**
     * A translation unit of {@code _Static_assert}s, one per constant and layout value of
     * {@code abi}; each message names what it checks, so a failing compile names the symbol.
     */
    static String assertions(Abi abi) {
        StringBuilder c = new StringBuilder(PRELUDE).append('\n');
        abi.constants().forEach((name, value) -> check(c, "JAVA_VALUE(" + name + ")", value, name));
        abi.structs().forEach((name, struct) -> {
            String type = tagged(abi, name);
            check(c, "sizeof(" + type + ")", struct.size(), "sizeof(" + type + ")");
            check(c, "_Alignof(" + type + ")", struct.align(), "_Alignof(" + type + ")");
            struct.fields().forEach((field, f) -> {
                check(c, "offsetof(" + type + ", " + field + ")", f.offset(), "offsetof(" + type + ", " + field + ")");
                check(c, fieldSize(type, field, f), f.size(), (f.size() == 0 ? "flexible array " : "sizeof(") + name + "." + field
                        + (f.size() == 0 ? "" : ")"));
            });
        });
        return c.toString();
    }

    /** {@code union name} if the variant's allow-lists name it a union, else {@code struct name}. */
    private static String tagged(Abi abi, String name) {
        return (Repo.allowListed(abi.variant(), "union").contains(name) ? "union " : "struct ") + name;
    }

    /** The C expression for a field's size, as a long long: see the class comment for size 0. */
    private static String fieldSize(String type, String field, Abi.Field f) {
        return f.size() == 0
                ? "FLEXIBLE_ARRAY_SIZE(" + type + ", " + field + ")"
                : "(long long)sizeof(((" + type + " *)0)->" + field + ")";
    }

    private static void check(StringBuilder c, String expression, long value, String message) {
        String literal = value == Long.MIN_VALUE ? "(-9223372036854775807LL - 1)" : "(" + value + "LL)";
        c.append("_Static_assert(").append(expression).append(" == ").append(literal)
                .append(", \"").append(message).append("\");\n");
    }

    record Result(int status, String output) {}

    /**
     * Runs a command in {@code dir}, stdout and stderr merged. A missing program fails the test
     * with how to install it: these tests are never skipped for want of a compiler.
     */
    static Result run(Path dir, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return fail(command.getFirst() + " is not installed or not on PATH (" + e.getMessage() + "). "
                    + "The ABI tests need gcc and the aarch64 cross compiler: run .ci/install-test-deps as root "
                    + "(Debian: apt-get install gcc gcc-aarch64-linux-gnu libc6-dev-arm64-cross).");
        }
        try {
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return fail("timed out: " + String.join(" ", command));
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Both probes compile with glibc's GNU extensions on: {@code headers/inputs/linux/conduit.h}
     * declares {@code struct ucred}, {@code struct in6_pktinfo} (and {@code accept4}, {@code pipe2}) itself only
     * when {@code __USE_GNU} is off, as it is for jextract; with it on, the probe sees glibc's own
     * declarations, so it checks the bindings against glibc and not against those copies.
     */
    static final String GNU_SOURCE = "-D_GNU_SOURCE";

    /** {@code compiler -std=gnu17 -D_GNU_SOURCE -I<inputs of variant> args...}, the common part of both probes' compiles. */
    static List<String> compile(String compiler, String variant, String... args) {
        List<String> command = new ArrayList<>(List.of(compiler, "-std=gnu17", GNU_SOURCE, "-I" + Repo.inputs(variant)));
        command.addAll(List.of(args));
        return command;
    }
}
