package dev.conduit.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * linux-aarch64: a compile-only probe. Every constant and layout value Dump reports becomes a
 * {@code _Static_assert} compiled by {@code aarch64-linux-gnu-gcc} against the arm64 glibc headers
 * (Debian {@code libc6-dev-arm64-cross}); it must compile. Runs on x86_64 Linux hosts, where
 * {@code .ci/install-test-deps} installs that cross toolchain (there a missing cross compiler is a
 * failure, not a skip); an arm64 Linux host runs the whole suite natively on the linux-aarch64 bindings
 * instead, and {@code .github/workflows/bindings.yml} compares them with its real headers.
 */
@EnabledOnOs(value = OS.LINUX, architectures = {"amd64", "x86_64"},
        disabledReason = "host-only: the arm64 cross compiler is installed on x86_64 Linux hosts (.ci/install-test-deps)")
class LinuxAarch64AbiTest {

    static final String VARIANT = "linux-aarch64";
    static final String COMPILER = "aarch64-linux-gnu-gcc";

    @Test
    void everyValueHoldsForTheCrossCompiler(@TempDir Path dir) throws IOException {
        Abi dump = Abi.dump(VARIANT);
        Probe.Result result = compile(dir, Probe.assertions(dump));
        assertEquals(0, result.status(), () -> "the linux-aarch64 probe did not compile: each failed static assertion names a value where "
                + "the bindings differ from the arm64 headers (a missing header means libc6-dev-arm64-cross is not "
                + "installed):\n" + result.output());
    }

    @Test
    void aWrongConstantFailsTheCompileNamingIt(@TempDir Path dir) throws IOException {
        Abi dump = Abi.dump(VARIANT);
        Abi wrong = dump.withConstant("SO_REUSEADDR", dump.constants().get("SO_REUSEADDR") + 1);
        Probe.Result result = compile(dir, Probe.assertions(wrong));
        assertNotEquals(0, result.status(), "the compiler accepted a wrong SO_REUSEADDR");
        assertTrue(result.output().contains("static assertion failed: \"SO_REUSEADDR\""), result::output);
        assertEquals(1, result.output().split("static assertion failed", -1).length - 1, result::output);
    }

    @Test
    void aWrongOffsetFailsTheCompileNamingIt(@TempDir Path dir) throws IOException {
        Abi dump = Abi.dump(VARIANT);
        Abi wrong = dump.withFieldOffset("sockaddr_in", "sin_family", 1);
        Probe.Result result = compile(dir, Probe.assertions(wrong));
        assertNotEquals(0, result.status(), "the compiler accepted a wrong offset of sin_family");
        assertTrue(result.output().contains("static assertion failed: \"offsetof(struct sockaddr_in, sin_family)\""),
                result::output);
    }

    @Test
    void aSizedArrayTakenForAFlexibleOneFailsTheCompileNamingIt(@TempDir Path dir) throws IOException {
        Abi dump = Abi.dump(VARIANT);
        Abi wrong = dump.withFieldSize("sockaddr_in", "sin_zero", 0);
        Probe.Result result = compile(dir, Probe.assertions(wrong));
        assertNotEquals(0, result.status(), "the compiler took sin_zero[8] for a flexible array");
        assertTrue(result.output().contains("static assertion failed: \"flexible array sockaddr_in.sin_zero\""), result::output);
        assertEquals(1, result.output().split("static assertion failed", -1).length - 1, result::output);
    }

    private static Probe.Result compile(Path dir, String source) throws IOException {
        Files.writeString(dir.resolve("probe.c"), source);
        return Probe.run(dir, Probe.compile(COMPILER, VARIANT, "-c", "-o", "probe.o", "probe.c"));
    }
}
