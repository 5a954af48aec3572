package dev.conduit.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.conduit.net.sys.GlibcMalloc;
import dev.conduit.net.sys.Sys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A long loop of failing calls (and resolutions) leaks neither descriptors nor native memory. It
 * runs as {@link LeakChurn} in a child JVM that is interpreted and uses the serial GC, because a
 * warming JIT moves the JVM's own malloc use by megabytes, which would hide a leak of a few hundred
 * bytes a round. Linux with glibc only: descriptors are counted in /proc/self/fd, native memory
 * with glibc's mallinfo2.
 */
@Timeout(300)
class NoLeakTest {

    /** The first phase warms caches (resolver, classes); the last ones must be flat. */
    private static final int WARM_PHASES = 2;
    /** The interpreter's own allocations move by a few KiB; a leak of 16 bytes a round is 16 KiB a phase. */
    private static final long MAX_NATIVE_GROWTH = 16L * 1024;

    @Test
    void failingCallsLeakNothing() throws Exception {
        assumeTrue(Sys.sockets().variant().startsWith("linux-") && GlibcMalloc.available(),
                "skipped: reads /proc/self/fd and glibc's mallinfo2");
        List<long[]> phases = runChurn(); // {fds, native bytes} per phase
        assertEquals(LeakChurn.PHASES, phases.size());
        long[] warm = phases.get(WARM_PHASES - 1);
        long[] last = phases.getLast();
        assertEquals(warm[0], last[0], "descriptors leaked: " + describe(phases));
        long least = Long.MAX_VALUE;
        for (int i = WARM_PHASES; i < phases.size(); i++) {
            least = Math.min(least, phases.get(i)[1] - phases.get(i - 1)[1]);
        }
        assertTrue(least < MAX_NATIVE_GROWTH, "native memory grew in every phase: " + describe(phases));
    }

    private static List<long[]> runChurn() throws IOException, InterruptedException {
        Process child = new ProcessBuilder(ChildJvm.command(List.of("-Xint", "-XX:+UseSerialGC", "-Xmx64m"),
                LeakChurn.class))
                .redirectErrorStream(true).start();
        try {
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(child.waitFor(240, TimeUnit.SECONDS), "the churn did not finish");
            assertEquals(0, child.exitValue(), output);
            List<long[]> phases = new ArrayList<>();
            for (String line : output.lines().toList()) {
                String[] words = line.split(" ");
                if (words.length == 6 && words[0].equals("phase")) {
                    phases.add(new long[] {Long.parseLong(words[3]), Long.parseLong(words[5])});
                }
            }
            return phases;
        } finally {
            child.destroyForcibly();
        }
    }

    private static String describe(List<long[]> phases) {
        StringBuilder s = new StringBuilder();
        for (long[] p : phases) {
            s.append("[fds ").append(p[0]).append(", native ").append(p[1]).append("] ");
        }
        return s.toString().strip();
    }
}
