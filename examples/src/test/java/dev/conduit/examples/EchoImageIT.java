package dev.conduit.examples;

import static dev.conduit.examples.EchoClients.assertEchoes;
import static dev.conduit.examples.EchoClients.assertNotListening;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jlink image ({@code mvn -Pimage}, {@code target/echo-image}): {@code bin/echo-server} is the echo
 * server with the jar's arguments and behaviour, its process is the JVM itself, the JVM uses the AOT
 * cache, and the image holds only the modules the server needs. Runs only where the {@code image}
 * profile built the image and set {@code echo.image}.
 */
@EnabledIfSystemProperty(named = "echo.image", matches = ".+", disabledReason = "the image is built by mvn -Pimage only")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EchoImageIT {

    private static final Path IMAGE = Path.of(System.getProperty("echo.image", "target/echo-image"));

    private static EchoServerProcess start(Map<String, String> environment, int listeners, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(IMAGE.resolve("bin/echo-server").toString()));
        command.addAll(List.of(args));
        return EchoServerProcess.startCommand(command, environment, listeners);
    }

    @Test
    void servesEveryLoopbackLikeTheJarAndStopsOnSigterm() throws Exception {
        try (EchoServerProcess server = start(Map.of(), EchoClients.loopbackCount(), "--port", "0")) {
            assertEquals(EchoClients.loopbackCount(), server.listening.size(), server.stdout().toString());
            for (InetSocketAddress address : server.listening) {
                assertEchoes(address.getAddress().getHostAddress(), server.port);
            }
            // the launcher execs: its process is the JVM, so kill $! reaches the server itself
            String command = server.process.info().command().orElse("");
            assertTrue(command.endsWith("/bin/java"), "the launcher's process runs " + command);
            server.signal("TERM");
            assertTrue(server.process.waitFor(15, TimeUnit.SECONDS), "exits after SIGTERM");
            server.awaitOutput();
            assertEquals("stopped", server.stdout().getLast(), server.stdout().toString());
            assertNotListening("127.0.0.1", server.port);
        }
    }

    @Test
    void theJvmRunsWithTheAotCache() throws Exception {
        // AOTMode=on refuses to start unless the cache the launcher names can be used
        try (EchoServerProcess server = start(Map.of("JDK_JAVA_OPTIONS", "-XX:AOTMode=on"), 1,
                "--host", "127.0.0.1", "--port", "0", "--mode", "loop")) {
            assertEchoes("127.0.0.1", server.port);
        }
    }

    @Test
    void takesTheJarsArguments(@TempDir Path dir) throws Exception {
        try (EchoServerProcess udp = start(Map.of(), 1, "--host", "127.0.0.1", "--port", "0", "--udp")) {
            try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                client.setSoTimeout(10_000);
                byte[] payload = "datagram".getBytes(StandardCharsets.UTF_8);
                client.send(new DatagramPacket(payload, payload.length, new InetSocketAddress("127.0.0.1", udp.port)));
                DatagramPacket back = new DatagramPacket(new byte[64], 64);
                client.receive(back);
                assertEquals("datagram", new String(back.getData(), 0, back.getLength(), StandardCharsets.UTF_8));
            }
        }
        Path socket = dir.resolve("echo.sock");
        try (EchoServerProcess unix = start(Map.of(), 1, "--unix", socket.toString(), "--mode", "virtual")) {
            assertEquals(List.of("listening on " + socket), unix.stdout());
            assertTrue(Files.exists(socket));
        }
        try (EchoServerProcess bad = start(Map.of(), 0, "--port", "65536")) {
            assertTrue(bad.process.waitFor(30, TimeUnit.SECONDS));
            bad.awaitOutput();
            assertEquals(2, bad.process.exitValue(), bad.stderr().toString());
            assertTrue(String.join("\n", bad.stderr()).contains("usage:"), bad.stderr().toString());
        }
    }

    @Test
    void holdsOnlyTheModulesTheServerNeeds() throws Exception {
        Process java = new ProcessBuilder(IMAGE.resolve("bin/java").toString(), "--list-modules")
                .redirectErrorStream(true).start();
        List<String> modules = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .map(line -> line.substring(0, line.indexOf('@'))).sorted().toList();
        assertTrue(java.waitFor(30, TimeUnit.SECONDS));
        assertEquals(List.of("dev.conduit", "dev.conduit.examples", "dev.conduit.headers", "java.base", "jdk.net"), modules);
    }
}
