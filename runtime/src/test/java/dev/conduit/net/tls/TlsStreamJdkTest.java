package dev.conduit.net.tls;

import static dev.conduit.net.tls.TlsClients.random;
import static dev.conduit.net.tls.TlsClients.connect;
import static dev.conduit.net.tls.TlsClients.roundTrip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.conduit.net.TcpListener;
import dev.conduit.net.TcpStream;
import dev.conduit.net.UnixStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link TlsStream} against the JDK's own {@link SSLSocket}, both directions, over loopback: echo,
 * TLS 1.3 and 1.2, a 16 MiB transfer, half-close, ALPN, mutual TLS, resumption, renegotiation.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsStreamJdkTest {

    @TempDir
    static Path dir;
    static TestPki pki;

    @BeforeAll
    static void makeCertificates() throws Exception {
        pki = TestPki.withServerAndClient(dir, "conduit-test");
    }

    /** A JDK TLS server on 127.0.0.1 that runs {@code session} on one accepted socket. */
    static final class JdkServer implements AutoCloseable {
        final SSLServerSocket socket;
        final CompletableFuture<Object> done = new CompletableFuture<>();

        JdkServer(SSLContext context, String protocol, Session session) throws IOException {
            socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            socket.setEnabledProtocols(new String[] {protocol});
            Thread.ofPlatform().daemon().name("jdk-tls-server").start(() -> {
                try (SSLSocket accepted = (SSLSocket) socket.accept()) {
                    accepted.setSoTimeout(20_000);
                    done.complete(session.run(accepted));
                } catch (Throwable e) {
                    done.completeExceptionally(e);
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        Object result() throws Exception {
            return done.get(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @FunctionalInterface
    interface Session {
        Object run(SSLSocket socket) throws Exception;
    }

    /** Echoes until close_notify, then answers with its own. */
    static Object echo(SSLSocket socket) throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        byte[] buffer = new byte[32 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }

    static TlsConfig clientConfig() throws Exception {
        return TlsConfig.client(pki.trustingContext());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void conduitClientEchoesWithJdkServer(String protocol) throws Exception {
        try (JdkServer jdk = new JdkServer(pki.serverContext, protocol, TlsStreamJdkTest::echo);
                TlsStream tls = connect(clientConfig(), jdk.port())) {
            byte[] payload = random(100_000);
            assertArrayEquals(payload, roundTrip(tls, payload));
            assertEquals(protocol, tls.protocol());
            assertFalse(tls.cipherSuite().isEmpty());
            assertEquals("CN=server", ((X509Certificate) tls.peerCertificates().getFirst()).getSubjectX500Principal().getName());
            tls.shutdownOutput();
            assertEquals(-1, tls.read(new byte[10]), "the server's close_notify after ours");
            assertEquals(100_000L, jdk.result());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void jdkClientEchoesWithConduitServer(String protocol) throws Exception {
        try (TcpListener listener = TcpListener.bind("127.0.0.1", 0)) {
            CompletableFuture<Long> served = CompletableFuture.supplyAsync(() -> {
                try (TlsStream tls = TlsStream.server(listener.accept(), TlsConfig.server(pki.serverContext))) {
                    return TlsEchoTestServer.echo(tls);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, r -> Thread.ofPlatform().daemon().start(r));
            SSLContext trusting = pki.trustingContext();
            try (SSLSocket socket = (SSLSocket) trusting.getSocketFactory().createSocket("127.0.0.1",
                    listener.localAddress().getPort())) {
                socket.setEnabledProtocols(new String[] {protocol});
                socket.setSoTimeout(20_000);
                byte[] payload = random(70_000);
                socket.getOutputStream().write(payload);
                assertArrayEquals(payload, socket.getInputStream().readNBytes(payload.length));
                assertEquals(protocol, socket.getSession().getProtocol());
                socket.getOutputStream().write("end".getBytes(StandardCharsets.US_ASCII));
                assertEquals("end", new String(socket.getInputStream().readNBytes(3), StandardCharsets.US_ASCII));
                if (protocol.equals("TLSv1.3")) {
                    socket.shutdownOutput(); // half-close: close_notify, and the echo server answers with its own
                    assertEquals(-1, socket.getInputStream().read());
                } // TLS 1.2 has no half-close: closing sends close_notify
            }
            assertEquals(70_003L, served.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void sixteenMebibytesBothWays() throws Exception {
        try (JdkServer jdk = new JdkServer(pki.serverContext, "TLSv1.3", TlsStreamJdkTest::echo);
                TlsStream tls = connect(clientConfig(), jdk.port())) {
            byte[] payload = random(16 << 20);
            assertTrue(Arrays.equals(payload, roundTrip(tls, payload)), "16 MiB echoed");
            tls.shutdownOutput();
            assertEquals(-1, tls.read(new byte[1]));
            assertEquals((long) payload.length, jdk.result());
        }
    }

    /** TLS 1.3 half-close: after our close_notify the peer still sends, and we still read, until its own. */
    @Test
    void halfCloseInTls13() throws Exception {
        try (JdkServer jdk = new JdkServer(pki.serverContext, "TLSv1.3", socket -> {
            byte[] all = socket.getInputStream().readAllBytes(); // until our close_notify
            socket.getOutputStream().write(("got " + all.length).getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(" and more after it".getBytes(StandardCharsets.US_ASCII));
            return all.length;
        }); TlsStream tls = connect(clientConfig(), jdk.port())) {
            tls.writeAll(new byte[1234]);
            tls.shutdownOutput();
            assertThrows(javax.net.ssl.SSLException.class, () -> tls.writeAll(new byte[1]), "no writing after close_notify");
            assertEquals("got 1234 and more after it", new String(tls.inputStream().readAllBytes(), StandardCharsets.US_ASCII));
            assertEquals(-1, tls.read(new byte[1]));
            assertEquals(1234, jdk.result());
        }
    }

    /** inputStream(), outputStream() and channel() over TLS, as for plain connections; closing one closes the stream. */
    @Test
    void streamAndChannelAdapters() throws Exception {
        UnixStream[] pair = UnixStream.pair();
        try (TlsStream server = TlsStream.server(pair[0], TlsConfig.server(pki.serverContext));
                TlsStream client = TlsStream.client(pair[1], clientConfig(), "localhost")) {
            CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> {
                try {
                    java.nio.channels.ByteChannel channel = server.channel();
                    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(8);
                    while (buffer.hasRemaining()) {
                        assertTrue(channel.read(buffer) > 0);
                    }
                    buffer.flip();
                    assertEquals(8, channel.write(buffer));
                    channel.close();
                    assertFalse(channel.isOpen());
                    assertTrue(server.isClosed(), "closing the channel closes the stream");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, r -> Thread.ofPlatform().daemon().start(r));
            OutputStream out = client.outputStream();
            out.write('a');
            out.write("dapters".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = client.inputStream();
            assertEquals('a', in.read());
            assertEquals("dapters", new String(in.readNBytes(7), StandardCharsets.US_ASCII));
            serving.get(30, TimeUnit.SECONDS);
            out.close();
            assertTrue(client.isClosed(), "closing the output stream closes the stream");
        }
    }

    @Test
    void conduitToConduitOverUnixSockets() throws Exception {
        UnixStream[] pair = UnixStream.pair();
        try (TlsStream server = TlsStream.server(pair[0], TlsConfig.server(pki.serverContext));
                TlsStream client = TlsStream.client(pair[1], clientConfig(), "localhost")) {
            CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> {
                try {
                    TlsEchoTestServer.echo(server);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, r -> Thread.ofPlatform().daemon().start(r));
            byte[] payload = random(300_000);
            assertArrayEquals(payload, roundTrip(client, payload));
            client.shutdownOutput();
            assertEquals(-1, client.read(new byte[1]));
            serving.get(30, TimeUnit.SECONDS);
            assertEquals("TLSv1.3", client.protocol());
        }
    }
}
