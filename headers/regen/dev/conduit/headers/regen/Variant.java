package dev.conduit.headers.regen;

import dev.conduit.headers.BindingsNaming;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * One platform variant's generation recipe, read from {@code variants/<name>/variant.properties}:
 * which input set under {@code inputs/} it uses and which system files must exist for it to be
 * regenerated here. The package it is generated into follows from its name ({@link BindingsNaming});
 * a {@code package=} line, which the manifests' input hashes still cover, must agree with it.
 *
 * @param name the variant, e.g. {@code linux-x86_64}
 * @param headersDir the headers module directory
 * @param packageName the Java package of the generated bindings, {@link BindingsNaming#packageOf}
 * @param inputSet the directory name under {@code inputs/} holding {@code conduit.h} and the
 *     {@code symbols.txt} that adds to {@code inputs/common/symbols.txt}
 * @param requiredFiles system files (headers of a cross toolchain) needed to regenerate
 * @param systemPackages Debian packages whose versions are recorded as the system-header source
 */
public record Variant(String name, Path headersDir, String packageName, String inputSet,
                      List<Path> requiredFiles, List<String> systemPackages) {

    private static final String COMMON_INPUTS = "common";
    private static final String SYMBOLS = "symbols.txt";

    public static List<Variant> all(Path headersDir) throws IOException {
        try (Stream<Path> dirs = Files.list(headersDir.resolve("variants"))) {
            List<Variant> variants = new ArrayList<>();
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                variants.add(read(headersDir, dir));
            }
            return variants;
        }
    }

    private static Variant read(Path headersDir, Path dir) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(dir.resolve("variant.properties"))) {
            p.load(in);
        }
        String name = dir.getFileName().toString();
        String packageName = BindingsNaming.packageOf(name);
        String declared = p.getProperty("package", packageName).trim();
        if (!declared.equals(packageName)) {
            throw new IllegalArgumentException("variants/" + name + "/variant.properties says package=" + declared
                    + ", but the bindings of " + name + " are " + packageName + " (BindingsNaming)");
        }
        return new Variant(name, headersDir, packageName, require(p, "inputs", name),
                words(p.getProperty("requires", "")).stream().map(Path::of).toList(),
                words(p.getProperty("system-packages", "")));
    }

    private static String require(Properties p, String key, String variant) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("variants/" + variant + "/variant.properties lacks '" + key + "'");
        }
        return value.trim();
    }

    private static List<String> words(String value) {
        return value.isBlank() ? List.of() : Arrays.asList(value.trim().split("\\s+"));
    }

    public Path variantDir() {
        return headersDir.resolve("variants").resolve(name);
    }

    public Path inputDir() {
        return headersDir.resolve("inputs").resolve(inputSet);
    }

    public Path header() {
        return inputDir().resolve("conduit.h");
    }

    /** The input set every variant shares: {@code symbols.txt} and headers its {@code conduit.h} may include. */
    public Path commonInputDir() {
        return headersDir.resolve("inputs").resolve(COMMON_INPUTS);
    }

    /** The symbol lists, merged in this order: every variant's, then this input set's additions. */
    public List<Path> symbolLists() {
        return List.of(commonInputDir().resolve(SYMBOLS), inputDir().resolve(SYMBOLS));
    }

    public Path packageDir() {
        return headersDir.resolve("src/main/java").resolve(packageName.replace('.', '/'));
    }

    /** Every file that shapes the output: the common inputs, the variant's input set and its own flags. */
    public List<Path> inputFiles() {
        List<Path> files = new ArrayList<>(BindingsManifest.filesUnder(commonInputDir()));
        files.addAll(BindingsManifest.filesUnder(inputDir()));
        files.addAll(BindingsManifest.filesUnder(variantDir()));
        return files;
    }
}
