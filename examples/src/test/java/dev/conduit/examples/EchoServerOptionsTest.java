package dev.conduit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EchoServerOptionsTest {

    @Test
    void defaultsToEveryLoopbackOnPort7007() {
        assertEquals(new EchoServerOptions(Optional.empty(), 7007), EchoServerOptions.parse());
    }

    @Test
    void acceptsBothSpellings() {
        assertEquals(new EchoServerOptions(Optional.of("0.0.0.0"), 9000), EchoServerOptions.parse("--host", "0.0.0.0", "--port=9000"));
        assertEquals(new EchoServerOptions(Optional.of("::1"), 0), EchoServerOptions.parse("--host=::1", "--port", "0"));
        assertEquals(new EchoServerOptions(Optional.empty(), 0), EchoServerOptions.parse("--port", "0"));
    }

    @Test
    void takesNamesAndBracketedLiteralsAsTheyAre() {
        assertEquals(Optional.of("localhost"), EchoServerOptions.parse("--host", "localhost").host());
        assertEquals(Optional.of("[::1]"), EchoServerOptions.parse("--host", "[::1]").host());
    }

    @Test
    void rejectsBadPortsAndUnknownOptions() {
        for (String[] args : new String[][] {{"--port", "65536"}, {"--port", "-1"}, {"--port", "x"}, {"--port"}, {"-p", "1"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EchoServerOptions.parse(args));
            assertTrue(e.getMessage().contains("--port") || e.getMessage().contains("unknown option"), e.getMessage());
        }
    }

    @Test
    void rejectsAMissingOrEmptyHost() {
        for (String[] args : new String[][] {{"--host"}, {"--host="}, {"--host", ""}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EchoServerOptions.parse(args));
            assertEquals("--host needs a value", e.getMessage());
        }
    }

    @Test
    void usageDocumentsTheDefault() {
        assertTrue(EchoServerOptions.USAGE.contains("127.0.0.1 and ::1"), EchoServerOptions.USAGE);
    }

    @Test
    void udpSwitchesTheIpSocketsAndKeepsTheAddressRules() {
        assertEquals(new EchoServerOptions(Optional.empty(), 7007, true, Optional.empty(), true), EchoServerOptions.parse("--udp"));
        assertEquals(new EchoServerOptions(Optional.of("::1"), 0, true, Optional.empty(), true),
                EchoServerOptions.parse("--host", "::1", "--udp", "--port=0"));
    }

    @Test
    void unixAloneServesOnlyThePath() {
        for (String[] args : new String[][] {{"--unix", "/tmp/echo.sock"}, {"--unix=/tmp/echo.sock"}}) {
            EchoServerOptions options = EchoServerOptions.parse(args);
            assertEquals(Optional.of(Path.of("/tmp/echo.sock")), options.unix());
            assertEquals(false, options.serveIp(), "--unix alone: no IP");
        }
    }

    @Test
    void unixWithHostPortOrUdpServesIpToo() {
        for (String[] args : new String[][] {{"--unix", "s", "--port", "7007"}, {"--host", "127.0.0.1", "--unix", "s"},
                {"--unix", "s", "--udp"}}) {
            EchoServerOptions options = EchoServerOptions.parse(args);
            assertEquals(Optional.of(Path.of("s")), options.unix());
            assertTrue(options.serveIp(), String.join(" ", args));
        }
        assertTrue(EchoServerOptions.parse("--unix", "s", "--udp").udp());
    }

    @Test
    void rejectsAMissingUnixPathAndAValueForUdp() {
        for (String[] args : new String[][] {{"--unix"}, {"--unix="}, {"--unix", ""}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EchoServerOptions.parse(args));
            assertEquals("--unix needs a value", e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EchoServerOptions.parse("--udp=yes"));
        assertTrue(e.getMessage().startsWith("--udp takes no value"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EchoServerOptions.parse("--unix", "a\u0000b"));
        assertTrue(e.getMessage().startsWith("--unix: not a path"), e.getMessage());
    }

    @Test
    void usageDocumentsUdpAndUnix() {
        assertTrue(EchoServerOptions.USAGE.contains("--udp") && EchoServerOptions.USAGE.contains("--unix PATH")
                && EchoServerOptions.USAGE.contains("With --unix alone only PATH is served"), EchoServerOptions.USAGE);
    }

    @Test
    void modeDefaultsToThreadsAndTakesEachName() {
        assertEquals(EchoServerOptions.Mode.THREADS, EchoServerOptions.parse().mode());
        assertEquals(1, EchoServerOptions.parse().threads());
        assertEquals(EchoServerOptions.Mode.VIRTUAL, EchoServerOptions.parse("--mode", "virtual").mode());
        assertEquals(EchoServerOptions.Mode.LOOP, EchoServerOptions.parse("--mode=loop").mode());
        assertEquals(EchoServerOptions.Mode.THREADS, EchoServerOptions.parse("--mode", "threads").mode());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EchoServerOptions.parse("--mode", "fibers"));
        assertEquals("--mode must be threads, virtual or loop, not 'fibers'", e.getMessage());
        assertEquals("--mode needs a value", assertThrows(IllegalArgumentException.class,
                () -> EchoServerOptions.parse("--mode")).getMessage());
    }

    @Test
    void threadsIsForLoopModeOnly() {
        EchoServerOptions loop = EchoServerOptions.parseOn("Linux", "--threads", "4", "--mode", "loop");
        assertEquals(4, loop.threads());
        assertEquals(1, EchoServerOptions.parseOn("Linux", "--mode", "loop", "--threads=1").threads());
        for (String[] args : new String[][] {{"--threads", "2"}, {"--mode", "virtual", "--threads", "1"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EchoServerOptions.parseOn("Linux", args));
            assertTrue(e.getMessage().startsWith("--threads is for --mode loop"), e.getMessage());
        }
        for (String value : new String[] {"0", "-1", "257", "x", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> EchoServerOptions.parseOn("Linux", "--mode", "loop", "--threads", value));
            assertEquals("--threads must be a number from 1 to 256, not '" + value + "'", e.getMessage());
        }
    }

    @Test
    void moreThanOneLoopNeedsLinux() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EchoServerOptions.parseOn("Mac OS X", "--mode", "loop", "--threads", "2"));
        assertTrue(e.getMessage().startsWith("--threads above 1 needs Linux") && e.getMessage().contains("Mac OS X"),
                e.getMessage());
        assertEquals(1, EchoServerOptions.parseOn("Mac OS X", "--mode", "loop", "--threads", "1").threads());
    }

    @Test
    void usageDocumentsTheModes() {
        for (String text : new String[] {"--mode M", "threads", "virtual", "loop", "--threads N", "SO_REUSEPORT",
            "(UDP: one thread per socket in"}) {
            assertTrue(EchoServerOptions.USAGE.contains(text), text);
        }
    }
}
