package dev.conduit.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated source for a small interface, compared with the expected files in
 * {@code src/test/resources/golden/expected/}. After an intended change to the output, rewrite them
 * with {@code mvn -pl processor test -Dtest=GoldenTest -Dconduit.golden.update=true} and review the diff.
 */
class GoldenTest {

    private static final Path EXPECTED = Path.of("src/test/resources/golden/expected");
    private static final List<String> GENERATED = List.of("GoldenOps_linux_x86_64", "GoldenOps_macos_aarch64");

    private static Compilation compilation;

    @BeforeAll
    static void compile() throws IOException {
        compilation = com.google.testing.compile.Compiler.javac()
                .withProcessors(new SocketOpsProcessor())
                .withOptions("-Xlint:all,-processing")
                .compile(JavaFileObjects.forResource("golden/GoldenOps.java"),
                        JavaFileObjects.forResource("golden/GoldenErrors.java"));
        if (Boolean.getBoolean("conduit.golden.update")) {
            for (String name : GENERATED) {
                JavaFileObject file = compilation.generatedSourceFile("golden." + name).orElseThrow();
                Files.writeString(EXPECTED.resolve(name + ".java"), file.getCharContent(false));
            }
        }
    }

    @Test
    void expectedFilesAreTheGeneratedOnesVerbatim() throws IOException {
        for (String name : GENERATED) {
            JavaFileObject file = compilation.generatedSourceFile("golden." + name).orElseThrow();
            assertEquals(Files.readString(EXPECTED.resolve(name + ".java")), file.getCharContent(false).toString(),
                    name + " differs from the golden file (also in comments or layout): update it, see the class doc");
        }
    }

    @Test
    void compilesWithoutWarnings() {
        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void linuxX8664() {
        assertThat(compilation).generatedSourceFile("golden.GoldenOps_linux_x86_64")
                .hasSourceEquivalentTo(JavaFileObjects.forResource("golden/expected/GoldenOps_linux_x86_64.java"));
    }

    @Test
    void macosAarch64() {
        assertThat(compilation).generatedSourceFile("golden.GoldenOps_macos_aarch64")
                .hasSourceEquivalentTo(JavaFileObjects.forResource("golden/expected/GoldenOps_macos_aarch64.java"));
    }

    @Test
    void onlyMacosHasTheLengthByteAndAByteFamily() {
        assertThat(compilation).generatedSourceFile("golden.GoldenOps_macos_aarch64").contentsAsUtf8String()
                .contains("sockaddr_in.sin_len(destination, (byte) size);");
        assertThat(compilation).generatedSourceFile("golden.GoldenOps_macos_aarch64").contentsAsUtf8String()
                .contains("sockaddr_in.sin_family(destination, (byte) Libc.AF_INET());");
        assertThat(compilation).generatedSourceFile("golden.GoldenOps_linux_x86_64").contentsAsUtf8String()
                .doesNotContain("sin_len");
        assertThat(compilation).generatedSourceFile("golden.GoldenOps_linux_x86_64").contentsAsUtf8String()
                .contains("sockaddr_in.sin_family(destination, (short) Libc.AF_INET());");
    }

    /** nameOn: each variant's option and constant under its own C name, the other's never referenced. */
    @Test
    void eachVariantUsesItsOwnName() {
        assertThat(compilation).generatedSourceFile("golden.GoldenOps_linux_x86_64").contentsAsUtf8String()
                .contains("Libc.IPPROTO_TCP(), Libc.TCP_KEEPIDLE()");
        assertThat(compilation).generatedSourceFile("golden.GoldenOps_linux_x86_64").contentsAsUtf8String()
                .doesNotContain("TCP_KEEPALIVE");
        assertThat(compilation).generatedSourceFile("golden.GoldenOps_macos_aarch64").contentsAsUtf8String()
                .contains("Libc.IPPROTO_TCP(), Libc.TCP_KEEPALIVE()");
        assertThat(compilation).generatedSourceFile("golden.GoldenOps_macos_aarch64").contentsAsUtf8String()
                .contains("Libc.SOL_SOCKET(), Libc.SO_LINGER_SEC()");
        assertThat(compilation).generatedSourceFile("golden.GoldenOps_macos_aarch64").contentsAsUtf8String()
                .doesNotContain("TCP_KEEPIDLE");
    }

    @Test
    void servicesFileListsEveryVariant() {
        assertThat(compilation)
                .generatedFile(javax.tools.StandardLocation.CLASS_OUTPUT, "", "META-INF/services/golden.GoldenOps")
                .contentsAsUtf8String()
                .contains("golden.GoldenOps_linux_x86_64\ngolden.GoldenOps_macos_aarch64\n");
    }
}
