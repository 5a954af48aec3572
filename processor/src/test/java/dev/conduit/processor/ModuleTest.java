package dev.conduit.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.conduit.ops.SocketOps;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interface in a named module: ServiceLoader needs {@code provides}, and the processor checks it.
 * (compile-testing cannot compile a module, so this test runs javac on files.)
 */
class ModuleTest {

    private static final List<String> OPS = List.of(
            "package test;",
            "",
            "import dev.conduit.ops.*;",
            "",
            "@SocketOps(variants = {\"linux-x86_64\", \"macos-aarch64\"}, errors = Errors.class)",
            "public interface Ops {",
            "    @VariantName String variant();",
            "}");

    private static final List<String> ERRORS = List.of(
            "package test;",
            "",
            "public final class Errors {",
            "    public static java.io.IOException forErrno(String function, String errnoName, int errno) {",
            "        return new java.io.IOException(function);",
            "    }",
            "}");

    @TempDir
    Path dir;

    private record Result(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics, Path generated) {
    }

    private Result compile(String provides) throws IOException {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("test"));
        Files.write(src.resolve("module-info.java"), List.of(
                "module test.ops {",
                "    requires static dev.conduit.ops;",
                "    requires dev.conduit.headers;",
                "    exports test;",
                provides,
                "}"));
        Files.write(src.resolve("test/Ops.java"), OPS);
        Files.write(src.resolve("test/Errors.java"), ERRORS);
        Path out = Files.createDirectories(dir.resolve("out"));
        Path generated = Files.createDirectories(dir.resolve("generated"));

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of("--module-path", modulePath(), "-d", out.toString(),
                    "-s", generated.toString(), "-proc:full");
            JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjects(src.resolve("module-info.java"), src.resolve("test/Ops.java"),
                            src.resolve("test/Errors.java")));
            task.setProcessors(List.of(new SocketOpsProcessor()));
            boolean success = task.call();
            return new Result(success, new ArrayList<>(diagnostics.getDiagnostics()), generated);
        }
    }

    /** The annotations and the bindings, as a module path (the processor instance is handed to javac). */
    private static String modulePath() {
        try {
            return Stream.of(SocketOps.class, Class.forName("dev.conduit.headers.linux.x86_64.Libc"))
                    .map(ModuleTest::location)
                    .collect(Collectors.joining(File.pathSeparator));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the conduit-headers jar is not on the test class path", e);
        }
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(Result result) {
        return result.diagnostics().stream().map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.joining("\n"));
    }

    @Test
    void missingProvidesIsReportedWithTheLineToAdd() throws IOException {
        Result result = compile("    provides test.Ops with test.Ops_linux_x86_64;");
        assertFalse(result.success());
        String expected = Problem.MISSING_PROVIDES.message("test.ops", "test.Ops", "test.Ops_macos_aarch64",
                "provides test.Ops with test.Ops_linux_x86_64, test.Ops_macos_aarch64;");
        Diagnostic<? extends JavaFileObject> error = result.diagnostics().stream()
                .filter(d -> d.getMessage(Locale.ROOT).equals(expected))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + expected + " in:\n" + describe(result)));
        assertEquals(Diagnostic.Kind.ERROR, error.getKind());
        assertTrue(error.getSource().getName().endsWith("Ops.java"), error.getSource().getName());
        assertEquals(6, error.getLineNumber(), "on the line declaring the interface");
    }

    @Test
    void completeProvidesCompilesWithoutTheGeneratedAnnotationTheModuleCannotSee() throws IOException {
        Result result = compile("    provides test.Ops with test.Ops_linux_x86_64, test.Ops_macos_aarch64;");
        assertTrue(result.success(), describe(result));
        String source = Files.readString(result.generated().resolve("test/Ops_linux_x86_64.java"));
        assertFalse(source.contains("@Generated"), source);
    }
}
