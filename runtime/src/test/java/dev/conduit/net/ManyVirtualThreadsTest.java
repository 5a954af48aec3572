package dev.conduit.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 virtual threads blocked in {@code read} at once on two carriers: all are served when their
 * data arrives, another virtual thread keeps running meanwhile, and JFR records no pinning. The
 * server runs in a child JVM ({@link ManyVirtualThreadsServer}) with two carriers, the clients
 * (java.nio, independent of Conduit) here: 10,000 connections fit each process's descriptor limit
 * only when the two ends live in different processes.
 */
@Timeout(240)
class ManyVirtualThreadsTest {

    private static final int CONNECTIONS = 10_000;

    @TempDir
    Path dir;

    @Test
    void tenThousandBlockedReadsOnTwoCarriers() throws Exception {
        Process server = start();
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the child ended
            }
        });
        List<SocketChannel> clients = new ArrayList<>();
        try {
            int port = Integer.parseInt(expect(lines, "port ").substring(5));
            for (int i = 0; i < CONNECTIONS; i++) {
                clients.add(SocketChannel.open(new InetSocketAddress("127.0.0.1", port)));
            }
            expect(lines, "reading " + CONNECTIONS);
            long ticksBefore = Long.parseLong(expect(lines, "ticks ").substring(6));
            long ticksAfter = Long.parseLong(expect(lines, "ticks ").substring(6));
            assertTrue(ticksAfter > ticksBefore, "another virtual thread ran while " + CONNECTIONS
                    + " were blocked in read: ticks " + ticksBefore + " -> " + ticksAfter);
            ByteBuffer one = ByteBuffer.allocate(1);
            for (SocketChannel client : clients) {
                client.write(ByteBuffer.wrap(new byte[] {42}));
            }
            for (SocketChannel client : clients) {
                one.clear();
                assertEquals(1, client.read(one), "every reader echoed its byte");
            }
            assertEquals("served " + CONNECTIONS, expect(lines, "served "));
            assertEquals("pinned 0", expect(lines, "pinned "), "jdk.VirtualThreadPinned events (with their frames)");
            assertTrue(server.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, server.exitValue());
        } finally {
            for (SocketChannel client : clients) {
                client.close();
            }
            server.destroyForcibly();
        }
    }

    private Process start() throws IOException {
        return new ProcessBuilder(ChildJvm.command(List.of("-Djdk.virtualThreadScheduler.parallelism=2",
                "-Djdk.virtualThreadScheduler.maxPoolSize=2"), ManyVirtualThreadsServer.class,
                String.valueOf(CONNECTIONS), dir.resolve("server.jfr").toString()))
                .redirectErrorStream(true).start();
    }

    /** The next line starting with {@code prefix} (others skipped), within 120 s. */
    private static String expect(LinkedBlockingQueue<String> lines, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        List<String> skipped = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            if (line.startsWith(prefix)) {
                return line;
            }
            if (!line.startsWith("ticks ")) {
                skipped.add(line);
            }
        }
        throw new AssertionError("no line starting with \"" + prefix + "\"; other output: " + skipped);
    }
}
