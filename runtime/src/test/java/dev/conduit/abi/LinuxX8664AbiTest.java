package dev.conduit.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * linux-x86_64: a C program generated from Dump's output, compiled with the host gcc against the
 * real glibc headers and run, prints every constant, sizeof, _Alignof, offsetof and field size;
 * each must equal what the bindings say. Needs an x86_64 Linux host (the probe runs); a missing
 * gcc is a failure, not a skip.
 */
@EnabledOnOs(value = OS.LINUX, architectures = {"amd64", "x86_64"})
class LinuxX8664AbiTest {

    static final String VARIANT = "linux-x86_64";

    @Test
    void bindingsEqualWhatGccSeesInTheRealHeaders(@TempDir Path dir) throws IOException {
        Abi dump = Abi.dump(VARIANT);
        Abi probe = runProbe(dump, dir);

        assertEquals(List.of(), dump.differences(probe, "gcc"), "linux-x86_64 bindings differ from the C headers");
    }

    @Test
    void aValueOffByOneIsReported(@TempDir Path dir) throws IOException {
        Abi dump = Abi.dump(VARIANT);
        Abi probe = runProbe(dump, dir);

        Abi wrong = dump.withConstant("SOL_SOCKET", dump.constants().get("SOL_SOCKET") + 1)
                .withFieldOffset("sockaddr_in", "sin_port", 3);
        List<String> differences = wrong.differences(probe, "gcc");
        assertEquals(2, differences.size(), differences::toString);
        assertTrue(differences.get(0).startsWith("constant SOL_SOCKET:"), differences::toString);
        assertTrue(differences.get(1).startsWith("field sockaddr_in.sin_port:"), differences::toString);
    }

    private static Abi runProbe(Abi dump, Path dir) throws IOException {
        Files.writeString(dir.resolve("probe.c"), Probe.printingProgram(dump));
        Probe.Result compiled = Probe.run(dir, Probe.compile("gcc", VARIANT, "-o", "probe", "probe.c"));
        assertEquals(0, compiled.status(), () -> "gcc failed on the generated probe:\n" + compiled.output());
        Probe.Result ran = Probe.run(dir, List.of(dir.resolve("probe").toString()));
        assertEquals(0, ran.status(), () -> "the probe failed:\n" + ran.output());
        return Probe.parse(VARIANT, ran.output());
    }
}
