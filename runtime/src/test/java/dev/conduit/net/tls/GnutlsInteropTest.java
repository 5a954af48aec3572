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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * Conduit's TLS against GnuTLS ({@code gnutls-serv} and {@code gnutls-cli} from Debian's
 * {@code gnutls-bin}, installed by {@code .ci/install-test-deps}) over loopback, both directions:
 * TLS 1.3 and 1.2, 16 MiB, close_notify both ways (gnutls-cli half-closes), ALPN, mutual TLS,
 * resumption. Each peer is bounded in time and stopped by its process.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GnutlsInteropTest {

    @TempDir
    static Path dir;
    static TestPki pki;

    @BeforeAll
    static void makeCertificates() throws Exception {
        pki = TestPki.withServerAndClient(dir, "gnutls-interop");
    }

    /** Lines of 1,023 letters and a newline: gnutls-serv's echo mode answers line by line, and text only. */
    static byte[] lines(int size) {
        byte[] bytes = new byte[size];
        Random random = new Random(size);
        for (int i = 0; i < size; i++) {
            bytes[i] = i % 1024 == 1023 ? (byte) '\n' : (byte) ('a' + random.nextInt(26));
        }
        return bytes;
    }

    static String priority(String protocol) {
        return "--priority=NORMAL:-VERS-ALL:+VERS-" + (protocol.equals("TLSv1.3") ? "TLS1.3" : "TLS1.2");
    }

    static PeerProcess gnutlsServ(int port, String... more) throws Exception {
        List<String> command = new ArrayList<>(List.of("gnutls-serv", "--echo", "--crlf", "--quiet", "-p",
                Integer.toString(port), "--x509certfile=" + pki.serverFiles.certificate(), "--x509keyfile=" + pki.serverFiles.key(),
                "--x509cafile=" + pki.caCertificate));
        command.addAll(List.of(more));
        PeerProcess peer = PeerProcess.start(dir, command);
        peer.awaitListening(port);
        return peer;
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void conduitClientToGnutlsServ(String protocol) throws Exception {
        int port = PeerProcess.freePort();
        int size = protocol.equals("TLSv1.3") ? 16 << 20 : 1 << 20;
        byte[] payload = lines(size);
        try (PeerProcess peer = gnutlsServ(port, priority(protocol));
                TlsStream tls = connect(TlsConfig.client(pki.trustingContext()), port)) {
            assertEquals(protocol, tls.protocol());
            assertTrue(Arrays.equals(payload, roundTrip(tls, payload)), "gnutls-serv echoed all " + size + " bytes");
            tls.shutdownOutput();
            assertEquals(-1, tls.read(new byte[1]), "gnutls-serv's close_notify, not a truncation");
            assertTrue(peer.process.isAlive(), "the peer serves on: " + peer.stderr());
        }
    }

    @Test
    void alpnAndMutualTlsWithGnutlsServ() throws Exception {
        int port = PeerProcess.freePort();
        SSLContext withCertificate = PemKeyMaterial.context(pki.clientFiles.certificate(), pki.clientFiles.key(), pki.caCertificate);
        try (PeerProcess peer = gnutlsServ(port, "--alpn=h2", "--alpn=http/1.1", "--require-client-cert");
                TlsStream tls = connect(TlsConfig.client(withCertificate).withApplicationProtocols("http/1.1", "h2"), port)) {
            assertArrayEquals("mutual\n".getBytes(), roundTrip(tls, "mutual\n".getBytes()));
            assertFalse(tls.applicationProtocol().isEmpty(), "a protocol both offered");
            assertTrue(List.of("h2", "http/1.1").contains(tls.applicationProtocol()), tls.applicationProtocol());
            assertTrue(peer.process.isAlive(), "the peer serves on: " + peer.stderr());
        }
    }

    @Test
    void gnutlsServRequiringACertificateRefusesAClientWithout() throws Exception {
        int port = PeerProcess.freePort();
        try (PeerProcess peer = gnutlsServ(port, "--require-client-cert");
                TlsStream tls = connect(TlsConfig.client(pki.trustingContext()), port)) {
            assertThrows(SSLException.class, () -> roundTrip(tls, "refused\n".getBytes()));
            assertTrue(peer.process.isAlive(), "the peer serves on: " + peer.stderr());
        }
    }

    @Test
    void conduitClientResumesWithGnutlsServ() throws Exception {
        int port = PeerProcess.freePort();
        TlsConfig config = TlsConfig.client(pki.trustingContext());
        try (PeerProcess peer = gnutlsServ(port)) {
            try (TlsStream first = connect(config, port)) {
                assertArrayEquals("one\n".getBytes(), roundTrip(first, "one\n".getBytes())); // the ticket comes first
                assertFalse(first.resumed());
            }
            Thread.sleep(5);
            try (TlsStream second = connect(config, port)) {
                assertArrayEquals("two\n".getBytes(), roundTrip(second, "two\n".getBytes()));
                assertTrue(second.resumed(), "resumed with gnutls-serv's ticket");
            }
            assertTrue(peer.process.isAlive(), "the peer serves on: " + peer.stderr());
        }
    }

    /** A Conduit echo server for one connection: echoes until the client's close_notify, then sends its own. */
    static CompletableFuture<Long> conduitEcho(TcpListener listener, TlsConfig config, List<TlsStream> served) {
        return CompletableFuture.supplyAsync(() -> {
            try (TlsStream tls = TlsStream.server(listener.accept(), config)) {
                served.add(tls);
                return TlsEchoTestServer.echo(tls);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, r -> Thread.ofPlatform().daemon().start(r));
    }

    static List<String> gnutlsCli(int port, String... more) {
        List<String> command = new ArrayList<>(List.of("gnutls-cli", "-p", Integer.toString(port),
                "--x509cafile=" + pki.caCertificate, "--verify-hostname=localhost", "--sni-hostname=localhost",
                "--logfile=" + dir.resolve("gnutls-cli-" + port + ".log")));
        command.addAll(List.of(more));
        command.add("127.0.0.1");
        return command;
    }

    /** gnutls-cli sends its input, half-closes at its end (close_notify) and reads the echo to our close_notify. */
    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void gnutlsCliToConduitServer(String protocol) throws Exception {
        int size = protocol.equals("TLSv1.3") ? 16 << 20 : 1 << 20;
        byte[] payload = random(size);
        List<TlsStream> served = new CopyOnWriteArrayList<>();
        try (TcpListener listener = TcpListener.bind("127.0.0.1", 0)) {
            CompletableFuture<Long> echoed = conduitEcho(listener, TlsConfig.server(pki.serverContext), served);
            try (PeerProcess peer = PeerProcess.start(dir, gnutlsCli(listener.localAddress().getPort(), priority(protocol)))) {
                CompletableFuture<Void> feeding = CompletableFuture.runAsync(() -> {
                    try (var in = peer.stdin()) {
                        in.write(payload);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                byte[] out = peer.awaitStdout(size);
                feeding.get(30, TimeUnit.SECONDS);
                assertTrue(Arrays.equals(payload, out), "gnutls-cli got its " + size + " bytes back, got " + out.length);
                if (protocol.equals("TLSv1.3")) {
                    assertEquals((long) size, echoed.get(30, TimeUnit.SECONDS), "the server saw the client's close_notify");
                    assertEquals(0, peer.awaitExit(30), "gnutls-cli ends at our close_notify: " + peer.stderr());
                }
            }
            assertEquals(protocol, served.getFirst().protocol());
        }
    }

    @Test
    void gnutlsCliWithAlpnAndCertificateToConduitServer() throws Exception {
        List<TlsStream> served = new CopyOnWriteArrayList<>();
        try (TcpListener listener = TcpListener.bind("127.0.0.1", 0)) {
            TlsConfig config = TlsConfig.server(pki.serverContext).withApplicationProtocols("h2", "http/1.1")
                    .withClientAuth(ClientAuth.REQUIRED);
            conduitEcho(listener, config, served);
            try (PeerProcess peer = PeerProcess.start(dir, gnutlsCli(listener.localAddress().getPort(), "--alpn=http/1.1",
                    "--alpn=h2", "--x509certfile=" + pki.clientFiles.certificate(), "--x509keyfile=" + pki.clientFiles.key()))) {
                peer.stdin().write("hello".getBytes());
                peer.stdin().flush();
                assertEquals("hello", new String(peer.awaitStdout(5)));
            }
            TlsStream tls = served.getFirst();
            assertEquals("h2", tls.applicationProtocol());
            assertEquals("CN=client", ((X509Certificate) tls.peerCertificates().getFirst()).getSubjectX500Principal().getName());
        }
    }

    @Test
    void gnutlsCliResumesWithConduitServer() throws Exception {
        List<TlsStream> served = new CopyOnWriteArrayList<>();
        try (TcpListener listener = TcpListener.bind("127.0.0.1", 0)) {
            TlsConfig config = TlsConfig.server(pki.serverContext);
            CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 2; i++) {
                    try (TlsStream tls = TlsStream.server(listener.accept(), config)) {
                        served.add(tls);
                        tls.handshake();
                        TlsEchoTestServer.echo(tls);
                    } catch (IOException e) {
                        // gnutls-cli --resume may close its first connection without close_notify
                    }
                }
            }, r -> Thread.ofPlatform().daemon().start(r));
            try (PeerProcess peer = PeerProcess.start(dir, gnutlsCli(listener.localAddress().getPort(), "--resume"))) {
                peer.stdin().close();
                peer.awaitExit(60);
                String log = Files.readString(dir.resolve("gnutls-cli-" + listener.localAddress().getPort() + ".log"));
                assertTrue(log.contains("This is a resumed session"), log);
            }
            serving.get(30, TimeUnit.SECONDS);
        }
        assertEquals(2, served.size());
        assertTrue(served.get(1).resumed(), "the server sees gnutls-cli's resumption");
    }
}
