package dev.conduit.net.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What never-finishing handshakes cost the server's heap: while a hundred clients each hold a
 * nearly complete 16 KiB record open, every connection costs about one record's buffers (60 KB
 * measured), and once their handshakes have timed out the heap is back where it was (0.15 MB
 * measured for all hundred).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TlsMemoryBoundTest {

    private static final int CLIENTS = 100;
    private static final int RECORD = 16 * 1024;
    /** Per pending connection: an engine, its three buffers and a parked virtual thread fit in this. */
    private static final long PER_CONNECTION_BOUND = 192 * 1024;
    /** After all of them ended: a third of what keeping the hundred connections would cost. */
    private static final long RETAINED_BOUND = 2 * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void stalledHandshakesCostBoundedHeapAndLeaveNothing() throws Exception {
        TestPki pki = TestPki.create(dir, "memory");
        TlsConfig config = TlsConfig.server(pki.context(pki.server("server"))).withHandshakeTimeout(Duration.ofSeconds(3));
        try (TlsEchoTestServer server = new TlsEchoTestServer(config)) {
            long before = heapAfterGc();
            List<Socket> clients = new ArrayList<>();
            try {
                byte[] partialRecord = new byte[5 + RECORD - 1]; // a handshake record one byte short
                partialRecord[0] = 22;
                partialRecord[1] = 3;
                partialRecord[2] = 1;
                partialRecord[3] = (byte) (RECORD >> 8);
                partialRecord[4] = (byte) RECORD;
                partialRecord[5] = 1; // ClientHello
                for (int i = 0; i < CLIENTS; i++) {
                    Socket client = new Socket(InetAddress.getLoopbackAddress(), server.port());
                    clients.add(client);
                    client.getOutputStream().write(partialRecord);
                }
                Thread.sleep(500); // the server has read what was sent
                long pending = heapAfterGc();
                long perConnection = (pending - before) / CLIENTS;
                assertTrue(perConnection < PER_CONNECTION_BOUND,
                        "heap per stalled handshake: " + perConnection + " bytes (bound " + PER_CONNECTION_BOUND + ")");
                for (int i = 0; i < CLIENTS; i++) {
                    TlsHandshakeException failure = assertInstanceOf(TlsHandshakeException.class, server.nextOutcome());
                    assertEquals(TlsFailure.HANDSHAKE_TIMEOUT, failure.reason());
                }
            } finally {
                for (Socket client : clients) {
                    client.close();
                }
            }
            long after = heapAfterGc();
            assertTrue(after - before < RETAINED_BOUND,
                    "heap retained after " + CLIENTS + " timed-out handshakes: " + (after - before) + " bytes");
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) { // the smallest of three full collections: finalizing work settles
            System.gc();
            Thread.sleep(100);
            Runtime runtime = Runtime.getRuntime();
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }
}
