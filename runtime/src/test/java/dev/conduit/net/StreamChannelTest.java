package dev.conduit.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The java.nio channel view: gathering writes and scattering reads through writev/readv. */
@Timeout(30)
class StreamChannelTest {

    @Test
    void gatheringWriteAndScatteringReadKeepTheOrder() throws IOException {
        try (Loopback loopback = Loopback.open()) {
            StreamChannel out = loopback.client().channel();
            StreamChannel in = loopback.server().channel();
            ByteBuffer[] sources = {direct("head-"), direct("body-"), direct("tail")};
            assertEquals(14, out.write(sources));
            for (ByteBuffer b : sources) {
                assertFalse(b.hasRemaining(), "positions advanced past what was sent");
            }
            ByteBuffer[] destinations = {ByteBuffer.allocateDirect(4), ByteBuffer.allocateDirect(6), ByteBuffer.allocateDirect(16)};
            long read = 0;
            while (read < 14) {
                read += in.read(destinations);
            }
            assertEquals("head", text(destinations[0]));
            assertEquals("-body-", text(destinations[1]));
            assertEquals("tail", text(destinations[2]));
            loopback.client().shutdownOutput();
            assertEquals(-1, in.read(new ByteBuffer[] {ByteBuffer.allocateDirect(4)}), "end of stream");
        }
    }

    @Test
    void heapBuffersGoOneAtATime() throws IOException {
        try (Loopback loopback = Loopback.open()) {
            StreamChannel out = loopback.client().channel();
            assertEquals(6, out.write(new ByteBuffer[] {ByteBuffer.wrap(bytes("abc")), ByteBuffer.wrap(bytes("def"))}));
            ByteBuffer first = ByteBuffer.allocate(2);
            ByteBuffer second = ByteBuffer.allocate(8);
            long got = 0;
            while (got < 6) {
                got += loopback.server().channel().read(new ByteBuffer[] {first, second});
            }
            assertEquals("ab", text(first));
            assertEquals("cdef", text(second));
        }
    }

    @Test
    void onAVirtualThreadAndAfterClose() throws Exception {
        try (Loopback loopback = Loopback.open()) {
            StreamChannel in = loopback.server().channel();
            ByteBuffer[] into = {ByteBuffer.allocateDirect(3)};
            var pending = VirtualThreadTest.onVirtualThread(() -> in.read(into));
            Thread.sleep(100);
            loopback.client().channel().write(new ByteBuffer[] {direct("xyz")});
            assertEquals(null, pending.get(5, TimeUnit.SECONDS));
            assertEquals("xyz", text(into[0]));
            in.close();
            assertFalse(in.isOpen());
            assertThrows(ClosedChannelException.class, () -> in.read(into));
            assertThrows(IndexOutOfBoundsException.class, () -> loopback.client().channel().write(into, 1, 1));
        }
    }

    private static ByteBuffer direct(String s) {
        byte[] b = bytes(s);
        return ByteBuffer.allocateDirect(b.length).put(b).flip();
    }

    private static String text(ByteBuffer b) {
        ByteBuffer copy = b.duplicate().flip();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return new String(out, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
