package dev.conduit.examples;

import static dev.conduit.examples.EchoClients.assertEchoes;
import static dev.conduit.examples.EchoClients.assertNotListening;
import static dev.conduit.examples.EchoClients.assumeAvailable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Black-box run of the packaged echo server: addresses, ports and arguments, the same in every mode
 * (threads here). Echoing, load, half-close, resets, back-pressure and stopping are run in every
 * mode by {@link EchoServerModeContract}'s subclasses.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EchoServerIT {

    private static EchoServerProcess server;

    @BeforeAll
    static void startServer() throws Exception {
        server = EchoServerProcess.start(EchoClients.loopbackCount(), "--port", "0");
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void withoutHostPrintsOneLinePerLoopback() throws Exception {
        List<String> lines = server.stdout().stream().filter(line -> line.startsWith("listening on ")).toList();
        if (EchoClients.KERNEL_HAS_IPV6_LOOPBACK) {
            assertEquals(List.of("listening on 127.0.0.1:" + server.port, "listening on [::1]:" + server.port), lines);
            assertTrue(server.stderr().stream().noneMatch(line -> line.startsWith("note:")), server.stderr().toString());
        } else {
            assertEquals(List.of("listening on 127.0.0.1:" + server.port), lines);
            assertTrue(server.stderr().stream().anyMatch(line -> line.startsWith("note:") && line.contains("::1")),
                    "a note says why ::1 is not served: " + server.stderr());
        }
    }

    @ParameterizedTest(name = "--host {0}")
    @ValueSource(strings = {"::1", "[::1]"})
    void hostIpv6LiteralListensThereOnly(String host) throws Exception {
        assumeAvailable("::1");
        try (EchoServerProcess own = EchoServerProcess.start(1, "--host", host, "--port", "0")) {
            assertEquals(List.of("listening on [::1]:" + own.port), listeningLines(own));
            assertEchoes("::1", own.port);
            assertNotListening("127.0.0.1", own.port);
        }
    }

    @Test
    void hostIpv4LiteralListensThereOnly() throws Exception {
        try (EchoServerProcess own = EchoServerProcess.start(1, "--host", "127.0.0.1", "--port", "0")) {
            assertEquals(List.of("listening on 127.0.0.1:" + own.port), listeningLines(own));
            assertEchoes("127.0.0.1", own.port);
            if (EchoClients.KERNEL_HAS_IPV6_LOOPBACK) {
                assertNotListening("::1", own.port);
            }
        }
    }

    @Test
    void hostNameListensOnEveryAddressItResolvesTo() throws Exception {
        Set<InetAddress> expected = new LinkedHashSet<>(Arrays.asList(InetAddress.getAllByName("localhost")));
        try (EchoServerProcess own = EchoServerProcess.start(expected.size(), "--host", "localhost", "--port", "0")) {
            Set<InetAddress> served = new LinkedHashSet<>();
            for (InetSocketAddress address : own.listening) {
                assertEquals(own.port, address.getPort(), "every address on the same port: " + own.listening);
                served.add(address.getAddress());
            }
            assertEquals(expected, served, own.stdout().toString());
            for (InetAddress address : expected) {
                assertEchoes(address.getHostAddress(), own.port);
            }
        }
    }

    @ParameterizedTest(name = "--host {0}")
    @ValueSource(strings = {"no-such-host.invalid", "1.2.3"})
    void unresolvableHostIsAClearError(String host) throws Exception {
        EchoServerProcess.Result result = EchoServerProcess.run("--host", host, "--port", "0");
        assertEquals(1, result.exitCode(), result.toString());
        assertEquals(1, result.stderr().size(), "one line: " + result.stderr());
        assertTrue(result.stderr().getFirst().contains(host), result.toString());
        assertTrue(result.stdout().isEmpty(), result.toString());
    }

    @Test
    void refusesBadArguments() throws Exception {
        for (String[] args : new String[][] {{"--port", "70000"}, {"--port"}, {"--bogus"}, {"--host"}, {"--host="},
            {"--mode", "fibers"}, {"--mode"}, {"--threads", "2"}, {"--mode", "loop", "--threads", "0"}}) {
            EchoServerProcess.Result result = EchoServerProcess.run(args);
            assertEquals(2, result.exitCode(), result.toString());
            assertTrue(String.join("\n", result.stderr()).contains("usage:"), result.toString());
        }
    }

    @Test
    void portInUseOnIpv6OnlyIsAnErrorNotANote() throws Exception {
        assumeAvailable("::1");
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            int port = taken.getLocalPort();
            EchoServerProcess.Result result = EchoServerProcess.run("--port", Integer.toString(port));
            assertEquals(1, result.exitCode(), result.toString());
            assertEquals(List.of(), result.stdout());
            assertEquals(1, result.stderr().size(), "one line: " + result.stderr());
            assertTrue(result.stderr().getFirst().startsWith("cannot listen on [::1]:" + port + ": "), result.toString());
            assertNotListening("127.0.0.1", port); // the IPv4 listener went with it
        }
    }

    @Test
    void hostPortInUseIsAClearError() throws Exception {
        EchoServerProcess.Result result = EchoServerProcess.run("--host", "127.0.0.1", "--port", Integer.toString(server.port));
        assertEquals(1, result.exitCode(), result.toString());
        assertEquals(1, result.stderr().size(), "one line: " + result.stderr());
        assertTrue(result.stderr().getFirst().contains("127.0.0.1") && result.stderr().getFirst().contains(Integer.toString(server.port)),
                result.toString());
    }

    private static List<String> listeningLines(EchoServerProcess process) {
        return process.stdout().stream().filter(line -> line.startsWith("listening on ")).toList();
    }
}
