package dev.conduit.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Writers on one stream are serialized: each writeAll arrives whole, never interleaved with another's. */
@Timeout(60)
class TcpStreamWritersTest {

    private static final int WRITERS = 4;
    private static final int WRITES_EACH = 8;
    /** Far beyond the socket buffers, so each writeAll takes many send(2) calls. */
    private static final int CHUNK = 512 * 1024;

    @Test
    void concurrentWriteAllsDoNotInterleave() throws Exception {
        try (TcpListener listener = TcpListener.bind("127.0.0.1", 0);
                TcpStream client = TcpStream.connect("127.0.0.1", listener.localAddress().getPort());
                TcpStream server = listener.accept();
                ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1)) {
            Future<byte[]> received = pool.submit(() -> readToEnd(server));
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                byte[] chunk = new byte[CHUNK];
                Arrays.fill(chunk, (byte) ('A' + w));
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < WRITES_EACH; i++) {
                        client.writeAll(chunk);
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
            client.shutdownOutput();
            byte[] all = received.get();
            assertEquals(WRITERS * WRITES_EACH * CHUNK, all.length);
            for (int start = 0; start < all.length; start += CHUNK) {
                byte first = all[start];
                for (int i = start; i < start + CHUNK; i++) {
                    if (all[i] != first) {
                        throw new AssertionError("bytes of two writeAll calls interleave at offset " + i);
                    }
                }
            }
        }
    }

    private static byte[] readToEnd(TcpStream stream) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = stream.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
