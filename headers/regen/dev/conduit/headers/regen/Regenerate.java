package dev.conduit.headers.regen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Regenerates every variant's bindings with jextract, then writes its {@link BindingsManifest}.
 * Run by {@code mvn generate-sources} in the headers module (working directory: the module).
 * Without jextract it says so in one line and leaves the checked-in bindings alone.
 *
 * <p>Usage: {@code java regen/dev/conduit/headers/regen/Regenerate.java [--jextract-home=DIR] [--variant=NAME]}
 */
public final class Regenerate {

    private static final String TAG = "[conduit-headers] ";

    public static void main(String[] args) throws Exception {
        String home = option(args, "--jextract-home=");
        String only = option(args, "--variant=");
        Optional<Path> jextract = Jextract.locate(home);
        if (jextract.isEmpty()) {
            System.out.println(TAG + "jextract not found (-Djextract.home, JEXTRACT_HOME or PATH): "
                    + "using the checked-in bindings.");
            return;
        }
        Jextract tool = new Jextract(jextract.get());
        Path headersDir = Path.of("").toAbsolutePath();
        int failures = 0;
        for (Variant variant : Variant.all(headersDir)) {
            if (!only.isEmpty() && !only.equals(variant.name())) {
                continue;
            }
            Optional<Path> missing = variant.requiredFiles().stream().filter(f -> !Files.exists(f)).findFirst();
            if (missing.isPresent()) {
                System.out.println(TAG + variant.name() + ": kept the checked-in bindings, "
                        + missing.get() + " is not on this machine");
                continue;
            }
            try {
                regenerate(tool, variant);
                System.out.println(TAG + variant.name() + ": regenerated " + variant.packageName());
            } catch (IOException | RuntimeException e) {
                failures++;
                System.err.println(TAG + variant.name() + ": FAILED: " + e.getMessage());
            }
        }
        if (failures > 0) {
            System.exit(1);
        }
    }

    private static void regenerate(Jextract tool, Variant variant) throws IOException, InterruptedException {
        Path scratch = Files.createTempDirectory("conduit-jextract-");
        try {
            AllowList allowList = AllowList.read(variant.symbolLists());
            Path argfile = scratch.resolve("symbols.args");
            allowList.writeArgfile(argfile);
            Path output = scratch.resolve("out");
            tool.generate(variant, argfile, output);
            Path generated = output.resolve(variant.packageName().replace('.', '/'));
            List<String> absent = allowList.absentFrom(generated);
            if (!absent.isEmpty()) {
                throw new IOException("the headers do not declare " + absent);
            }
            replaceDirectory(variant.packageDir(), generated);
            BindingsManifest.of(variant, facts(tool, variant))
                    .write(variant.packageDir().resolve(BindingsManifest.FILE_NAME));
        } finally {
            deleteRecursively(scratch);
        }
    }

    private static Map<String, String> facts(Jextract tool, Variant variant) throws IOException, InterruptedException {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("variant", variant.name());
        facts.put("package", variant.packageName());
        facts.put("jextract", tool.version());
        facts.put("jextract.jdk", tool.versionOf("JDK"));
        facts.put("libclang", tool.versionOf("LibClang"));
        Path flags = variant.variantDir().resolve("compile_flags.txt");
        facts.put("clang.flags", Files.exists(flags)
                ? String.join(" ", Files.readAllLines(flags, StandardCharsets.UTF_8)).strip() : "");
        if (!variant.systemPackages().isEmpty()) {
            facts.put("system.headers", SystemPackages.describe(variant.systemPackages()));
        }
        return facts;
    }

    private static void replaceDirectory(Path target, Path source) throws IOException {
        deleteRecursively(target);
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.sorted().toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String option(String[] args, String prefix) {
        List<String> values = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith(prefix)) {
                values.add(arg.substring(prefix.length()).strip());
            }
        }
        return values.isEmpty() ? "" : values.getLast();
    }

    private Regenerate() {
    }
}
