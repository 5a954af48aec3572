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
@EnabledOnOs(value = OS.LINUX, architectures = {"amd64", "x86_64"},
        disabledReason = "host-only: the probe runs, so it needs an x86_64 Linux host with gcc (.ci/install-test-deps)")
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

    /**
     * The probe compiles with -D_GNU_SOURCE, so that it reads glibc's own struct ucred and
     * in6_pktinfo; without it, it reads the wrapper's copies of them, which jextract read. Both
     * compiles must print the same values: _GNU_SOURCE changes nothing else the probe looks at, and
     * the copies equal glibc's structs.
     */
    @Test
    void gnuSourceChangesNoValue(@TempDir Path dir) throws IOException {
        Abi dump = Abi.dump(VARIANT);
        Abi withGnu = runProbe(dump, Files.createDirectory(dir.resolve("gnu")));
        Abi withoutGnu = runProbe(dump, Files.createDirectory(dir.resolve("default")), false);

        assertEquals(List.of(), withoutGnu.differences(withGnu, "gcc -D_GNU_SOURCE"), "gcc without _GNU_SOURCE");
        assertTrue(withGnu.structs().containsKey("ucred") && withGnu.structs().containsKey("in6_pktinfo"), "probed structs");
    }

    private static Abi runProbe(Abi dump, Path dir) throws IOException {
        return runProbe(dump, dir, true);
    }

    private static Abi runProbe(Abi dump, Path dir, boolean gnuSource) throws IOException {
        Files.writeString(dir.resolve("probe.c"), Probe.printingProgram(dump));
        List<String> command = Probe.compile("gcc", VARIANT, "-o", "probe", "probe.c");
        if (!gnuSource) {
            command.remove(Probe.GNU_SOURCE);
        }
        Probe.Result compiled = Probe.run(dir, command);
        assertEquals(0, compiled.status(), () -> "gcc failed on the generated probe:\n" + compiled.output());
        Probe.Result ran = Probe.run(dir, List.of(dir.resolve("probe").toString()));
        assertEquals(0, ran.status(), () -> "the probe failed:\n" + ran.output());
        return Probe.parse(VARIANT, ran.output());
    }
}
