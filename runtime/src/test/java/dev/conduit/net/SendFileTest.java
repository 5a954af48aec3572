package dev.conduit.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.conduit.net.sys.LinuxProcFs;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code transferFrom}: files sent with sendfile(2) over loopback TCP and Unix stream sockets. */
@Timeout(60)
class SendFileTest {

    @TempDir
    Path directory;

    private Path file(int size) throws IOException {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        return Files.write(directory.resolve("content-" + size), content);
    }

    @Test
    void sendsARangeOfTheFile() throws Exception {
        Path file = file(10_000);
        byte[] content = Files.readAllBytes(file);
        try (Loopback pair = Loopback.open()) {
            assertEquals(3000, pair.client().transferFrom(file, 1234, 3000));
            assertArrayEquals(Arrays.copyOfRange(content, 1234, 4234), pair.server().inputStream().readNBytes(3000));
        }
    }

    @Test
    void stopsAtTheEndOfTheFile() throws Exception {
        Path file = file(5000);
        byte[] content = Files.readAllBytes(file);
        try (Loopback pair = Loopback.open()) {
            assertEquals(1000, pair.client().transferFrom(file, 4000, 1_000_000));
            assertEquals(0, pair.client().transferFrom(file, 5000, 10));
            assertEquals(0, pair.client().transferFrom(file, 9999, 10));
            assertEquals(0, pair.client().transferFrom(file, 0, 0));
            pair.client().shutdownOutput();
            assertArrayEquals(Arrays.copyOfRange(content, 4000, 5000), pair.server().inputStream().readAllBytes());
        }
    }

    /** More than the socket buffers hold: sendfile returns short counts and the loop goes on. */
    @Test
    void sendsAFileLargerThanTheSocketBuffersWhileThePeerReads() throws Exception {
        Path file = file(8 * 1024 * 1024 + 17);
        byte[] content = Files.readAllBytes(file);
        try (Loopback pair = Loopback.open(); ExecutorService reader = Executors.newSingleThreadExecutor()) {
            Future<byte[]> received = reader.submit(() -> pair.server().inputStream().readNBytes(content.length));
            assertEquals(content.length, pair.client().transferFrom(file, 0, content.length));
            assertArrayEquals(content, received.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void aVirtualThreadParksUntilThePeerReads() throws Exception {
        Path file = file(4 * 1024 * 1024);
        byte[] content = Files.readAllBytes(file);
        try (Loopback pair = Loopback.open(); ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Long> sent = threads.submit(() -> pair.client().transferFrom(file, 0, content.length));
            Future<byte[]> received = threads.submit(() -> pair.server().inputStream().readNBytes(content.length));
            assertEquals(content.length, sent.get(30, TimeUnit.SECONDS));
            assertArrayEquals(content, received.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void nonBlockingModeSendsWhatFits() throws Exception {
        Path file = file(16 * 1024 * 1024);
        try (NativeLoopback pair = NativeLoopback.open()) {
            pair.client().setBlocking(false);
            long first = pair.client().transferFrom(file, 0, Files.size(file));
            assertTrue(first > 0 && first < Files.size(file), "a part fits into the socket buffers: " + first);
            long more = 0;
            for (int i = 0; i < 10; i++) {
                more += pair.client().transferFrom(file, first + more, Files.size(file) - first - more);
            }
            assertEquals(0, more, "nothing more fits while the peer does not read");
        }
    }

    @Test
    void theWriteTimeoutEndsTheTransferWithWhatWasSent() throws Exception {
        Path file = file(16 * 1024 * 1024);
        for (boolean virtual : new boolean[] {false, true}) {
            try (NativeLoopback pair = NativeLoopback.open()) {
                pair.client().setOption(ConduitSocketOptions.SO_SNDTIMEO, Duration.ofMillis(200));
                long[] sent = new long[2];
                Runnable transfer = () -> {
                    try {
                        sent[0] = pair.client().transferFrom(file, 0, Files.size(file));
                        sent[1] = pair.client().transferFrom(file, sent[0], Files.size(file) - sent[0]);
                    } catch (java.net.SocketTimeoutException expected) {
                        sent[1] = -1;
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                };
                Thread thread = virtual ? Thread.ofVirtual().start(transfer) : Thread.ofPlatform().start(transfer);
                thread.join(Duration.ofSeconds(20));
                assertTrue(sent[0] > 0 && sent[0] < Files.size(file), "the first call returns the part sent: " + sent[0]);
                assertEquals(-1, sent[1], "the second, with nothing sent, times out (virtual: " + virtual + ")");
            }
        }
    }

    @Test
    void sendsOverUnixStreamSockets() throws Exception {
        Path file = file(100_000);
        byte[] content = Files.readAllBytes(file);
        NativeSocket[] pair = NativeSocket.pair(SocketFamily.UNIX, SocketType.STREAM);
        try (NativeSocket sender = pair[0]; NativeSocket receiver = pair[1];
             ExecutorService reader = Executors.newSingleThreadExecutor()) {
            Future<byte[]> received = reader.submit(() -> NativeLoopback.readExactly(receiver, content.length));
            assertEquals(content.length, sender.transferFrom(file, 0, content.length));
            assertArrayEquals(content, received.get(30, TimeUnit.SECONDS));
        }
    }

    /** The documented fallback for a FileChannel: its own transferTo into the connection's channel, a copy. */
    @Test
    void aFileChannelTransfersIntoTheConnectionsChannel() throws Exception {
        Path file = file(300_000);
        byte[] content = Files.readAllBytes(file);
        try (Loopback pair = Loopback.open(); ExecutorService reader = Executors.newSingleThreadExecutor();
             java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
            Future<byte[]> received = reader.submit(() -> pair.server().inputStream().readNBytes(content.length - 1000));
            long sent = 0;
            while (sent < content.length - 1000) {
                sent += channel.transferTo(1000 + sent, content.length - 1000 - sent, pair.client().channel());
            }
            assertArrayEquals(Arrays.copyOfRange(content, 1000, content.length), received.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void badInputIsRefusedWithoutLeakingDescriptors() throws Exception {
        assumeTrue(Platform.current().startsWith("linux-"), "skipped: counts descriptors in /proc/self/fd");
        Path file = file(100);
        try (Loopback pair = Loopback.open()) {
            long before = LinuxProcFs.openDescriptors();
            assertThrows(IllegalArgumentException.class, () -> pair.client().transferFrom(file, -1, 10));
            assertThrows(IllegalArgumentException.class, () -> pair.client().transferFrom(file, 0, -1));
            assertThrows(NullPointerException.class, () -> pair.client().transferFrom(null, 0, 1));
            assertThrows(NoSuchFileException.class, () -> pair.client().transferFrom(directory.resolve("none"), 0, 1));
            assertThrows(NoSuchFileException.class, () -> pair.client().transferFrom(file.resolve("below-a-file"), 0, 1));
            ErrnoException directoryRefused = assertThrows(ErrnoException.class,
                    () -> pair.client().transferFrom(directory, 0, 1));
            assertEquals("EINVAL", directoryRefused.errnoName());
            if (!"root".equals(System.getProperty("user.name"))) {
                Path unreadable = file(7);
                Files.setPosixFilePermissions(unreadable, java.util.Set.of());
                assertThrows(AccessDeniedException.class, () -> pair.client().transferFrom(unreadable, 0, 1));
            }
            assertEquals(before, LinuxProcFs.openDescriptors(), "no descriptor left open");
            pair.client().close();
            assertThrows(SocketClosedException.class, () -> pair.client().transferFrom(file, 0, 1));
            assertThrows(SocketClosedException.class, () -> pair.client().transferFrom(directory.resolve("none"), 0, 1));
        }
        try (UdpSocket udp = UdpSocket.bind(Loopback.HOST, 0)) {
            assertThrows(UnsupportedOperationException.class, () -> udp.socket.transferFrom(file, 0, 1));
        }
    }
}
