package dev.conduit.headers.regen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The record of what produced one variant's bindings: tool versions, clang flags, and a SHA-256
 * of every input and every generated file. It lives in the generated package as
 * {@value #FILE_NAME}, so staleness or a hand edit shows without jextract.
 *
 * @param properties tool and flag facts, in file order
 * @param inputs input path (relative to the headers module) to SHA-256
 * @param outputs generated file name (relative to the package directory) to SHA-256
 */
public record BindingsManifest(Map<String, String> properties, Map<String, String> inputs,
                               Map<String, String> outputs) {

    public static final String FILE_NAME = "bindings.manifest";
    private static final String INPUT = "input.";
    private static final String OUTPUT = "output.";

    /** Hashes the variant's current inputs and generated files. */
    public static BindingsManifest of(Variant variant, Map<String, String> properties) {
        return new BindingsManifest(properties, hashInputs(variant), hashOutputs(variant.packageDir()));
    }

    public static Map<String, String> hashInputs(Variant variant) {
        Map<String, String> hashes = new TreeMap<>();
        for (Path file : variant.inputFiles()) {
            hashes.put(variant.headersDir().relativize(file).toString().replace('\\', '/'), sha256(file));
        }
        return hashes;
    }

    public static Map<String, String> hashOutputs(Path packageDir) {
        Map<String, String> hashes = new TreeMap<>();
        for (Path file : filesUnder(packageDir)) {
            String name = packageDir.relativize(file).toString().replace('\\', '/');
            if (!name.equals(FILE_NAME)) {
                hashes.put(name, sha256(file));
            }
        }
        return hashes;
    }

    public static BindingsManifest read(Path file) throws IOException {
        Map<String, String> properties = new LinkedHashMap<>();
        Map<String, String> inputs = new TreeMap<>();
        Map<String, String> outputs = new TreeMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IOException(file + ": not a key=value line: " + line);
            }
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1);
            if (key.startsWith(INPUT)) {
                inputs.put(key.substring(INPUT.length()), value);
            } else if (key.startsWith(OUTPUT)) {
                outputs.put(key.substring(OUTPUT.length()), value);
            } else {
                properties.put(key, value);
            }
        }
        return new BindingsManifest(properties, inputs, outputs);
    }

    public void write(Path file) throws IOException {
        StringBuilder text = new StringBuilder()
                .append("# What produced the bindings in this package. Written by `mvn generate-sources`\n")
                .append("# (headers/regen); checked by BindingsManifestTest. Never edit by hand.\n");
        properties.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        inputs.forEach((k, v) -> text.append(INPUT).append(k).append('=').append(v).append('\n'));
        outputs.forEach((k, v) -> text.append(OUTPUT).append(k).append('=').append(v).append('\n'));
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Every way {@code current} differs from this recorded manifest, one readable line each. */
    public List<String> differencesFrom(Map<String, String> currentInputs, Map<String, String> currentOutputs) {
        List<String> problems = new ArrayList<>();
        compare("input", inputs, currentInputs,
                "changed since the bindings were generated: regenerate them (mvn generate-sources with jextract)",
                problems);
        compare("generated file", outputs, currentOutputs,
                "differs from what jextract wrote: generated code is never edited by hand; regenerate it",
                problems);
        return problems;
    }

    private static void compare(String what, Map<String, String> recorded, Map<String, String> current,
                                String advice, List<String> problems) {
        recorded.forEach((name, hash) -> {
            String now = current.get(name);
            if (now == null) {
                problems.add(what + " " + name + " is missing: " + advice);
            } else if (!now.equals(hash)) {
                problems.add(what + " " + name + " " + advice);
            }
        });
        current.keySet().stream().filter(name -> !recorded.containsKey(name))
                .forEach(name -> problems.add(what + " " + name + " is not in the manifest: " + advice));
    }

    static List<Path> filesUnder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(Path file) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
