package dev.conduit.headers.regen;

import dev.conduit.headers.BindingsNaming;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A located jextract installation and the one command line Conduit runs it with. */
final class Jextract {

    private final Path executable;
    private List<String> versionLines;

    Jextract(Path executable) {
        this.executable = executable;
    }

    /** {@code -Djextract.home}, then {@code JEXTRACT_HOME}, then {@code PATH}. */
    static Optional<Path> locate(String homeOption) {
        String name = System.getProperty("os.name").startsWith("Windows") ? "jextract.bat" : "jextract";
        String env = System.getenv("JEXTRACT_HOME");
        for (String home : new String[] {homeOption, env == null ? "" : env}) {
            if (!home.isBlank()) {
                Path candidate = Path.of(home, "bin", name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
                System.out.println("[conduit-headers] no jextract at " + candidate);
            }
        }
        String path = System.getenv("PATH");
        return path == null ? Optional.empty() : Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /**
     * Runs jextract in the variant's directory, where it picks up {@code compile_flags.txt}
     * (the clang target and include paths: jextract has no option for them).
     */
    void generate(Variant variant, Path argfile, Path outputDir) throws IOException, InterruptedException {
        run(variant.variantDir(), List.of(executable.toString(),
                "--target-package", variant.packageName(),
                "--header-class-name", BindingsNaming.HEADER_CLASS,
                "--output", outputDir.toString(),
                "@" + argfile,
                variant.header().toString()));
    }

    /** The tool's own line of {@code jextract --version}, e.g. {@code jextract 23+f9866df}. */
    String version() throws IOException, InterruptedException {
        return versionLines().getFirst().strip();
    }

    /** The rest of {@code jextract --version}: {@code "JDK version"}, {@code "LibClang version"}. */
    String versionOf(String component) throws IOException, InterruptedException {
        String prefix = component + " version";
        return versionLines().stream().filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length()).strip())
                .findFirst().orElse("unknown");
    }

    private List<String> versionLines() throws IOException, InterruptedException {
        if (versionLines == null) {
            versionLines = run(Path.of("").toAbsolutePath(), List.of(executable.toString(), "--version"));
        }
        return versionLines;
    }

    private static List<String> run(Path workingDir, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + output);
        }
        // jextract warns about skipped bitfields in structs we never include; the rest is worth seeing
        output.lines().filter(l -> !l.contains("bitfields are not supported") && l.contains("warning"))
                .forEach(l -> System.out.println("[conduit-headers]   " + l));
        return output.lines().toList();
    }
}
