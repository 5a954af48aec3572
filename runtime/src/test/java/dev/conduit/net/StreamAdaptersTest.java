package dev.conduit.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** java.io views of a connection, driven by java.io's own readers and writers. */
@Timeout(30)
class StreamAdaptersTest {

    @Test
    void linesAndBinaryThroughJavaIo() throws IOException {
        try (Loopback loopback = Loopback.open()) {
            PrintWriter writer = new PrintWriter(loopback.client().outputStream(), true, StandardCharsets.UTF_8);
            writer.println("héllo");
            writer.println("second line");
            BufferedReader reader = new BufferedReader(new InputStreamReader(loopback.server().inputStream(), StandardCharsets.UTF_8));
            assertEquals("héllo", reader.readLine());
            assertEquals("second line", reader.readLine());

            byte[] payload = new byte[3 * 1024 * 1024];
            new Random(7).nextBytes(payload);
            Thread sender = Thread.ofPlatform().start(() -> {
                try (DataOutputStream out = new DataOutputStream(loopback.server().outputStream())) {
                    out.writeInt(payload.length);
                    out.write(payload);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            DataInputStream in = new DataInputStream(loopback.client().inputStream());
            byte[] got = new byte[in.readInt()];
            in.readFully(got);
            assertArrayEquals(payload, got);
            assertEquals(-1, in.read(), "closing the output stream closed the connection");
            assertTrue(loopback.server().isClosed());
            assertDoesNotHang(sender);
        }
    }

    @Test
    void singleBytesAndBadArguments() throws IOException {
        try (Loopback loopback = Loopback.open()) {
            loopback.client().outputStream().write(0xfe);
            assertEquals(0xfe, loopback.server().inputStream().read(), "unsigned, as InputStream promises");
            assertThrows(IndexOutOfBoundsException.class, () -> loopback.client().outputStream().write(new byte[2], 1, 2));
            assertThrows(IndexOutOfBoundsException.class, () -> loopback.server().inputStream().read(new byte[2], -1, 1));
            assertEquals(0, loopback.server().inputStream().read(new byte[2], 0, 0));
            loopback.client().shutdownOutput();
            assertEquals(-1, loopback.server().inputStream().read());
        }
    }

    private static void assertDoesNotHang(Thread thread) {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertTrue(!thread.isAlive(), "sender finished");
    }
}
