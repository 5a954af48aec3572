package dev.conduit.net.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.conduit.net.NativeSocket;
import dev.conduit.net.Poller;
import dev.conduit.net.PollerKey;
import dev.conduit.net.SocketFamily;
import dev.conduit.net.SocketType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TlsDriver} in a {@link Poller} loop on one thread, against the JDK's SSLSocket: the
 * handshake, 4 MiB each way with the writes held back while the peer does not read, close_notify
 * both ways, and the handshake timeout the loop enforces.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsDriverTest {

    @TempDir
    static Path dir;
    static TestPki pki;
    static javax.net.ssl.SSLContext serverContext;

    @BeforeAll
    static void makeCertificates() throws Exception {
        pki = TestPki.create(dir, "driver");
        serverContext = pki.context(pki.server("server"));
    }

    static NativeSocket connectNonBlocking(int port) throws IOException {
        NativeSocket socket = NativeSocket.open(SocketFamily.INET, SocketType.STREAM);
        socket.setOption(java.net.StandardSocketOptions.SO_SNDBUF, 32 * 1024); // fills while the peer does not read
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        socket.setBlocking(false);
        return socket;
    }

    /** Waits on the poller for what the driver asked for, bounded. */
    static void await(Poller poller, PollerKey key, TlsDriver driver, long deadline) throws IOException {
        key.interest(driver.interest());
        if (System.nanoTime() > deadline) {
            throw new AssertionError("the loop did not finish in time");
        }
        poller.poll(Duration.ofMillis(200));
    }

    @Test
    void echoOverAPollerLoop() throws Exception {
        int size = 4 << 20;
        byte[] payload = new byte[size];
        new Random(3).nextBytes(payload);
        try (SSLServerSocket jdk = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket(0, 5,
                InetAddress.getLoopbackAddress())) {
            jdk.setReceiveBufferSize(32 * 1024);
            CompletableFuture<Void> peer = CompletableFuture.runAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) jdk.accept()) {
                    accepted.setSoTimeout(20_000);
                    accepted.startHandshake();
                    InputStream in = accepted.getInputStream();
                    OutputStream out = accepted.getOutputStream();
                    Thread.sleep(300); // not reading yet: the driver's writes must wait for room
                    byte[] buffer = new byte[64 * 1024];
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        out.write(buffer, 0, n);
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, r -> Thread.ofPlatform().daemon().start(r));
            try (Poller poller = Poller.open();
                    TlsDriver driver = TlsDriver.client(connectNonBlocking(jdk.getLocalPort()),
                            TlsConfig.client(pki.trustingContext()), "localhost", jdk.getLocalPort())) {
                PollerKey key = poller.register(driver.socket(), Poller.READ, false, driver);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
                int result;
                while ((result = driver.handshake()) != 0) {
                    assertTrue(result == TlsDriver.WANT_READ || result == TlsDriver.WANT_WRITE);
                    await(poller, key, driver, deadline);
                }
                assertEquals("TLSv1.3", driver.session().getProtocol());
                ByteBuffer out = ByteBuffer.wrap(payload);
                ByteBuffer in = ByteBuffer.allocate(size);
                boolean sawWantWrite = false;
                boolean shut = false;
                while (true) {
                    boolean progressed = false;
                    if (out.hasRemaining() || driver.hasPendingOutput()) {
                        int taken = driver.hasPendingOutput() && !driver.flush() ? TlsDriver.WANT_WRITE : driver.write(out);
                        sawWantWrite |= taken == TlsDriver.WANT_WRITE || driver.hasPendingOutput();
                        progressed = taken > 0;
                    } else if (!shut) {
                        shut = driver.shutdownOutput(); // close_notify: the peer echoes the rest, then its own
                    }
                    int read = driver.read(in.hasRemaining() ? in : ByteBuffer.allocate(1));
                    if (read == TlsDriver.END) {
                        break;
                    }
                    progressed |= read > 0;
                    if (!progressed) {
                        key.interest(out.hasRemaining() || driver.hasPendingOutput() || !shut
                                ? Poller.READ | Poller.WRITE : Poller.READ);
                        assertTrue(System.nanoTime() < deadline, "the loop did not finish in time");
                        poller.poll(Duration.ofMillis(200));
                    }
                }
                assertEquals(size, in.position(), "echoed bytes");
                assertTrue(Arrays.equals(payload, in.array()), "the echo is the payload");
                assertTrue(sawWantWrite, "the socket filled while the peer did not read: writes were held back");
            }
            peer.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theLoopSeesTheHandshakeTimeout() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Poller poller = Poller.open();
                TlsDriver driver = TlsDriver.client(connectNonBlocking(silent.getLocalPort()),
                        TlsConfig.client(pki.trustingContext()).withHandshakeTimeout(Duration.ofMillis(300)), "localhost",
                        silent.getLocalPort())) {
            PollerKey key = poller.register(driver.socket(), Poller.READ, false, driver);
            assertEquals(TlsDriver.WANT_READ, driver.handshake());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!driver.handshakeExpired(System.nanoTime())) {
                await(poller, key, driver, deadline);
            }
            TlsHandshakeException failure = assertThrows(TlsHandshakeException.class, driver::handshake);
            assertEquals(TlsFailure.HANDSHAKE_TIMEOUT, failure.reason());
        }
    }

    @Test
    void refusesABlockingSocket() throws Exception {
        NativeSocket[] pair = NativeSocket.pair(SocketFamily.UNIX, SocketType.STREAM);
        try (NativeSocket one = pair[0]; NativeSocket other = pair[1]) {
            assertThrows(IllegalArgumentException.class, () -> TlsDriver.server(one, TlsConfig.server(serverContext)));
            assertThrows(IllegalArgumentException.class, () -> TlsDriver.client(other,
                    TlsConfig.client(pki.trustingContext()), "localhost", 1));
        }
    }
}
