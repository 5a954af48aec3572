package dev.conduit.net.tls;

import static dev.conduit.net.tls.TlsClients.random;
import static dev.conduit.net.tls.TlsClients.connect;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.conduit.net.TcpListener;
import dev.conduit.net.TcpStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Conduit's TLS against OpenSSL ({@code openssl s_server} and {@code s_client}, installed by
 * {@code .ci/install-test-deps}) over loopback, both directions: TLS 1.3 and 1.2, 16 MiB each way,
 * close_notify both ways, ALPN, mutual TLS, resumption. Each peer is bounded in time and stopped
 * by its process.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OpensslInteropTest {

    @TempDir
    static Path dir;
    static TestPki pki;

    @BeforeAll
    static void makeCertificates() throws Exception {
        pki = TestPki.withServerAndClient(dir, "openssl-interop");
    }

    static String versionFlag(String protocol) {
        return protocol.equals("TLSv1.3") ? "-tls1_3" : "-tls1_2";
    }

    /** s_server on a free port for {@code connections} connections (plus the readiness probe), stdin held open. */
    static PeerProcess sServer(int port, int connections, String... more) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl", "s_server", "-quiet", "-naccept",
                Integer.toString(connections + 1), "-accept", "127.0.0.1:" + port, "-cert", pki.serverFiles.certificate().toString(),
                "-key", pki.serverFiles.key().toString(), "-CAfile", pki.caCertificate.toString()));
        command.addAll(List.of(more));
        PeerProcess peer = PeerProcess.start(dir, command);
        peer.awaitListening(port);
        return peer;
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void conduitClientToSServer(String protocol) throws Exception {
        int port = PeerProcess.freePort();
        int size = protocol.equals("TLSv1.3") ? 16 << 20 : 1 << 20;
        byte[] up = random(size);
        byte[] down = random(size + 1);
        try (PeerProcess peer = sServer(port, 1, versionFlag(protocol));
                TlsStream tls = connect(TlsConfig.client(pki.trustingContext()), port)) {
            assertEquals(protocol, tls.protocol());
            tls.writeAll(up);
            assertTrue(Arrays.equals(up, peer.awaitStdout(size)), "s_server received all " + size + " bytes");
            CompletableFuture<Void> feeding = CompletableFuture.runAsync(() -> {
                try {
                    peer.stdin().write(down);
                    peer.stdin().flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            assertTrue(Arrays.equals(down, tls.inputStream().readNBytes(down.length)), "all of s_server's bytes arrived");
            feeding.get(30, TimeUnit.SECONDS);
            tls.shutdownOutput(); // close_notify: s_server answers with its own and ends (-naccept)
            assertEquals(-1, tls.read(new byte[1]), "s_server's close_notify, not a truncation");
            assertEquals(0, peer.awaitExit(30), peer.stderr());
        }
    }

    /**
     * TLS 1.3 KeyUpdate: s_server's {@code K} command sends one asking for ours in return. The
     * client consumes it (no data, not the end), answers, and data goes on both ways.
     */
    @Test
    void keyUpdateFromSServer() throws Exception {
        int port = PeerProcess.freePort();
        List<String> command = new ArrayList<>(List.of("openssl", "s_server", "-msg", "-naccept", "2", "-accept", "127.0.0.1:" + port,
                "-cert", pki.serverFiles.certificate().toString(), "-key", pki.serverFiles.key().toString(), "-tls1_3"));
        try (PeerProcess peer = PeerProcess.start(dir, command)) {
            peer.awaitListening(port);
            try (TlsStream tls = connect(TlsConfig.client(pki.trustingContext()), port)) {
                tls.writeAll("before\n".getBytes());
                awaitText(peer, "before");
                for (int round = 0; round < 3; round++) {
                    peer.stdin().write("K\n".getBytes()); // KeyUpdate, update_requested
                    peer.stdin().flush();
                    awaitCount(peer, ">>> TLS 1.3, Handshake [length 0005], KeyUpdate", round + 1); // then the data, alone
                    peer.stdin().write(("after " + round + "\n").getBytes());
                    peer.stdin().flush();
                    assertEquals("after " + round + "\n", new String(tls.inputStream().readNBytes(8)));
                    awaitCount(peer, "<<< TLS 1.3, Handshake [length 0005], KeyUpdate", round + 1); // our answer
                    tls.writeAll(("reply " + round + "\n").getBytes()); // under our updated keys
                    awaitText(peer, "reply " + round);
                }
            }
        }
    }

    private static void awaitCount(PeerProcess peer, String text, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (occurrences(peer.stdoutText(), text) < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(count, occurrences(peer.stdoutText(), text), "s_server's '" + text + "' lines: " + peer.stdoutText());
    }

    private static int occurrences(String in, String text) {
        int count = 0;
        for (int i = in.indexOf(text); i >= 0; i = in.indexOf(text, i + 1)) {
            count++;
        }
        return count;
    }

    private static void awaitText(PeerProcess peer, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!peer.stdoutText().contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(peer.stdoutText().contains(text), "s_server received '" + text + "': " + peer.stdoutText() + peer.stderr());
    }

    @Test
    void alpnAndMutualTlsWithSServer() throws Exception {
        int port = PeerProcess.freePort();
        SSLContext withCertificate = PemKeyMaterial.context(pki.clientFiles.certificate(), pki.clientFiles.key(), pki.caCertificate);
        try (PeerProcess peer = sServer(port, 1, "-alpn", "h2,http/1.1", "-Verify", "1");
                TlsStream tls = connect(TlsConfig.client(withCertificate).withApplicationProtocols("http/1.1", "h2"), port)) {
            assertEquals("h2", tls.applicationProtocol(), "s_server picks by its own order");
            tls.writeAll("mutual".getBytes());
            assertEquals("mutual", new String(peer.awaitStdout(6)));
        }
    }

    @Test
    void sServerRequiringAClientCertificateRefusesOneWithout() throws Exception {
        int port = PeerProcess.freePort();
        try (PeerProcess peer = sServer(port, 1, "-Verify", "1", "-verify_return_error");
                TlsStream tls = connect(TlsConfig.client(pki.trustingContext()), port)) {
            SSLException failure = assertThrows(SSLException.class, () -> {
                tls.writeAll(new byte[] {1}); // TLS 1.3: the client is done before the server's verdict
                tls.read(new byte[1]);
            });
            assertTrue(failure instanceof TlsHandshakeException || failure instanceof TlsProtocolException, failure.toString());
            peer.awaitExit(30); // -naccept: the refused connection was its last
            assertTrue(peer.stderr().contains("peer did not return a certificate"), "s_server's reason: " + peer.stderr());
        }
    }

    @Test
    void conduitClientResumesWithSServer() throws Exception {
        int port = PeerProcess.freePort();
        TlsConfig config = TlsConfig.client(pki.trustingContext());
        try (PeerProcess peer = sServer(port, 2)) {
            try (TlsStream first = connect(config, port)) {
                first.writeAll("one".getBytes());
                assertEquals("one", new String(peer.awaitStdout(3)));
                peer.stdin().write('x');
                peer.stdin().flush();
                assertEquals('x', first.inputStream().read()); // the ticket came before it
                assertFalse(first.resumed());
            }
            Thread.sleep(5);
            try (TlsStream second = connect(config, port)) {
                second.handshake();
                assertTrue(second.resumed(), "resumed with s_server's ticket");
            }
        }
    }

    /** A Conduit server that reads {@code expected} bytes, sends {@code reply} and closes with close_notify. */
    static CompletableFuture<byte[]> conduitServer(TcpListener listener, TlsConfig config, int expected, byte[] reply,
            List<TlsStream> served) {
        return CompletableFuture.supplyAsync(() -> {
            try (TlsStream tls = TlsStream.server(listener.accept(), config)) {
                served.add(tls);
                byte[] got = tls.inputStream().readNBytes(expected);
                tls.writeAll(reply);
                tls.shutdownOutput();
                return got;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, r -> Thread.ofPlatform().daemon().start(r));
    }

    static List<String> sClient(int port, String... more) {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port,
                "-servername", "localhost", "-CAfile", pki.caCertificate.toString(), "-verify_return_error",
                "-verify_hostname", "localhost"));
        command.addAll(List.of(more));
        return command;
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void sClientToConduitServer(String protocol) throws Exception {
        int size = protocol.equals("TLSv1.3") ? 16 << 20 : 1 << 20;
        byte[] up = random(size);
        byte[] down = random(size + 3);
        List<TlsStream> served = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (TcpListener listener = TcpListener.bind("127.0.0.1", 0)) {
            CompletableFuture<byte[]> received = conduitServer(listener, TlsConfig.server(pki.serverContext), size, down, served);
            try (PeerProcess peer = PeerProcess.start(dir, sClient(listener.localAddress().getPort(), "-quiet",
                    versionFlag(protocol)))) {
                peer.stdin().write(up);
                peer.stdin().flush();
                assertTrue(Arrays.equals(up, received.get(60, TimeUnit.SECONDS)), "the server received all " + size);
                assertTrue(Arrays.equals(down, peer.awaitStdout(down.length)), "s_client received all " + down.length);
                assertEquals(0, peer.awaitExit(30), "s_client ends at the server's close_notify: " + peer.stderr());
            }
            assertEquals(protocol, served.getFirst().protocol());
        }
    }

    @Test
    void sClientWithAlpnAndCertificateToConduitServer() throws Exception {
        List<TlsStream> served = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (TcpListener listener = TcpListener.bind("127.0.0.1", 0)) {
            TlsConfig config = TlsConfig.server(pki.serverContext).withApplicationProtocols("h2", "http/1.1")
                    .withClientAuth(ClientAuth.REQUIRED);
            CompletableFuture<byte[]> received = conduitServer(listener, config, 5, "reply".getBytes(), served);
            try (PeerProcess peer = PeerProcess.start(dir, sClient(listener.localAddress().getPort(), "-quiet", "-alpn",
                    "http/1.1,h2", "-cert", pki.clientFiles.certificate().toString(), "-key", pki.clientFiles.key().toString()))) {
                peer.stdin().write("hello".getBytes());
                peer.stdin().flush();
                assertArrayEquals("hello".getBytes(), received.get(30, TimeUnit.SECONDS));
                assertEquals("reply", new String(peer.awaitStdout(5)));
                assertEquals(0, peer.awaitExit(30), peer.stderr());
            }
            TlsStream tls = served.getFirst();
            assertEquals("h2", tls.applicationProtocol());
            assertEquals("CN=client", ((X509Certificate) tls.peerCertificates().getFirst()).getSubjectX500Principal().getName());
        }
    }

    @Test
    void sClientResumesWithConduitServer() throws Exception {
        Path session = dir.resolve("s_client.session");
        List<TlsStream> served = new java.util.concurrent.CopyOnWriteArrayList<>();
        TlsConfig config = TlsConfig.server(pki.serverContext);
        try (TcpListener listener = TcpListener.bind("127.0.0.1", 0)) {
            int port = listener.localAddress().getPort();
            for (String[] sessionFlag : new String[][] {{"-sess_out", session.toString()}, {"-sess_in", session.toString()}}) {
                CompletableFuture<byte[]> received = conduitServer(listener, config, 3, "bye".getBytes(), served);
                try (PeerProcess peer = PeerProcess.start(dir, sClient(port, sessionFlag))) {
                    peer.stdin().write("hi\n".getBytes());
                    peer.stdin().flush();
                    received.get(30, TimeUnit.SECONDS);
                    assertEquals(0, peer.awaitExit(30), peer.stderr());
                    String out = peer.stdoutText();
                    assertTrue(out.contains(sessionFlag[0].equals("-sess_in") ? "Reused, TLSv1.3" : "New, TLSv1.3"), out);
                }
            }
        }
        assertFalse(served.get(0).resumed());
        assertTrue(served.get(1).resumed(), "the server sees s_client's resumption");
    }
}
