package dev.conduit.net.tls;

import static dev.conduit.net.tls.TlsClients.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.conduit.net.TcpStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** ALPN, mutual TLS, session resumption, the secure defaults and virtual threads, Conduit to Conduit over loopback. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsFeaturesTest {

    @TempDir
    static Path dir;
    static TestPki pki;
    static SSLContext serverContext;
    static TestPki.Issued clientCertificate;

    @BeforeAll
    static void makeCertificates() throws Exception {
        pki = TestPki.create(dir, "features");
        serverContext = pki.context(pki.server("server"));
        clientCertificate = pki.issue("client", null, 30);
    }

    static String echo(TlsStream tls, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        tls.writeAll(bytes);
        return new String(tls.inputStream().readNBytes(bytes.length), StandardCharsets.UTF_8);
    }

    @Test
    void alpnServerPicksByItsPreference() throws Exception {
        try (TlsEchoTestServer server = new TlsEchoTestServer(
                TlsConfig.server(serverContext).withApplicationProtocols("http/1.1", "h2"));
                TlsStream tls = connect(TlsConfig.client(pki.trustingContext()).withApplicationProtocols("h2", "http/1.1"),
                        server.port())) {
            assertEquals("http/1.1", tls.applicationProtocol());
            assertEquals("alpn", echo(tls, "alpn"));
            assertEquals("http/1.1", server.accepted.poll(10, TimeUnit.SECONDS).applicationProtocol());
        }
    }

    @Test
    void alpnWithNothingInCommonFails() throws Exception {
        try (TlsEchoTestServer server = new TlsEchoTestServer(TlsConfig.server(serverContext).withApplicationProtocols("h2"));
                TlsStream tls = connect(TlsConfig.client(pki.trustingContext()).withApplicationProtocols("imap"),
                        server.port())) {
            TlsHandshakeException failure = assertThrows(TlsHandshakeException.class, tls::handshake);
            assertEquals(TlsFailure.NO_APPLICATION_PROTOCOL, failure.reason(), failure.toString());
            TlsHandshakeException serverSide = assertInstanceOf(TlsHandshakeException.class, server.nextOutcome());
            assertEquals(TlsFailure.NO_APPLICATION_PROTOCOL, serverSide.reason(), serverSide.toString());
        }
    }

    @Test
    void noAlpnOfferedMeansNoneChosen() throws Exception {
        try (TlsEchoTestServer server = new TlsEchoTestServer(TlsConfig.server(serverContext).withApplicationProtocols("h2"));
                TlsStream tls = connect(TlsConfig.client(pki.trustingContext()), server.port())) {
            assertEquals("", tls.applicationProtocol());
            assertEquals("plain", echo(tls, "plain"));
        }
    }

    @Test
    void mutualTlsRequired() throws Exception {
        SSLContext withCertificate = PemKeyMaterial.context(clientCertificate.certificate(), clientCertificate.key(),
                pki.caCertificate);
        try (TlsEchoTestServer server = new TlsEchoTestServer(
                TlsConfig.server(serverContext).withClientAuth(ClientAuth.REQUIRED))) {
            try (TlsStream tls = connect(TlsConfig.client(withCertificate), server.port())) {
                assertEquals("mtls", echo(tls, "mtls"));
                TlsStream served = server.accepted.poll(10, TimeUnit.SECONDS);
                assertEquals("CN=client",
                        ((X509Certificate) served.peerCertificates().getFirst()).getSubjectX500Principal().getName());
                assertEquals(TlsEchoTestServer.HANDSHAKE_OK, server.nextOutcome());
            }
            try (TlsStream tls = connect(TlsConfig.client(pki.trustingContext()), server.port())) {
                assertThrows(SSLException.class, () -> echo(tls, "no certificate"));
            }
            TlsHandshakeException failure = assertInstanceOf(TlsHandshakeException.class, server.nextOutcome());
            assertEquals(TlsFailure.CLIENT_CERTIFICATE_REQUIRED, failure.reason(), failure.toString());
        }
    }

    @Test
    void mutualTlsOptional() throws Exception {
        SSLContext withCertificate = PemKeyMaterial.context(clientCertificate.certificate(), clientCertificate.key(),
                pki.caCertificate);
        try (TlsEchoTestServer server = new TlsEchoTestServer(
                TlsConfig.server(serverContext).withClientAuth(ClientAuth.OPTIONAL))) {
            try (TlsStream tls = connect(TlsConfig.client(pki.trustingContext()), server.port())) {
                assertEquals("anonymous", echo(tls, "anonymous"));
                assertEquals(List.of(), server.accepted.poll(10, TimeUnit.SECONDS).peerCertificates());
            }
            try (TlsStream tls = connect(TlsConfig.client(withCertificate), server.port())) {
                assertEquals("known", echo(tls, "known"));
                assertEquals(1, server.accepted.poll(10, TimeUnit.SECONDS).peerCertificates().size());
            }
        }
    }

    @Test
    void sessionsResumeWithTickets() throws Exception {
        TlsConfig config = TlsConfig.client(pki.trustingContext()); // one context: one session cache
        try (TlsEchoTestServer server = new TlsEchoTestServer(TlsConfig.server(serverContext))) {
            try (TlsStream first = connect(config, server.port())) {
                assertEquals("first", echo(first, "first")); // the ticket arrives with the echo
                assertFalse(first.resumed(), "a full handshake first");
                first.shutdownOutput();
                assertEquals(-1, first.read(new byte[1]));
            }
            Thread.sleep(5); // creation times are in milliseconds
            try (TlsStream second = connect(config, server.port())) {
                assertEquals("second", echo(second, "second"));
                assertTrue(second.resumed(), "resumed from the first connection's ticket");
                assertEquals("TLSv1.3", second.protocol());
                TlsStream served = null;
                for (int i = 0; i < 2; i++) {
                    served = server.accepted.poll(10, TimeUnit.SECONDS);
                }
                assertTrue(served.resumed(), "the server sees the resumption too");
            }
        }
    }

    @Test
    void secureDefaults() throws Exception {
        TlsConfig client = TlsConfig.client(pki.trustingContext());
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), client.protocols());
        assertTrue(client.hostnameVerification());
        assertEquals(Duration.ofSeconds(10), client.handshakeTimeout());
        assertEquals(ClientAuth.NONE, TlsConfig.server(serverContext).clientAuth());
        assertThrows(IllegalArgumentException.class, () -> client.withProtocols("TLSv1.1"));
        assertThrows(IllegalArgumentException.class, () -> client.withProtocols());
        dev.conduit.net.UnixStream[] pair = dev.conduit.net.UnixStream.pair();
        try (dev.conduit.net.UnixStream one = pair[0]; dev.conduit.net.UnixStream other = pair[1]) {
            assertThrows(IllegalArgumentException.class, () -> TlsStream.server(one, client), "a client's config");
            other.socket().setBlocking(false);
            assertThrows(IllegalArgumentException.class, () -> TlsStream.client(other, client, "localhost"),
                    "a non-blocking connection is the event loop's");
        }
    }

    /** {@link TlsConfig#withParameters}: the caller's own SSLParameters changes reach the engine. */
    @Test
    void ownSslParametersAreApplied() throws Exception {
        try (TlsEchoTestServer server = new TlsEchoTestServer(TlsConfig.server(serverContext));
                TlsStream tls = connect(TlsConfig.client(pki.trustingContext())
                        .withParameters(p -> p.setCipherSuites(new String[] {"TLS_CHACHA20_POLY1305_SHA256"})), server.port())) {
            assertEquals("TLS_CHACHA20_POLY1305_SHA256", tls.cipherSuite());
            assertEquals("own", echo(tls, "own"));
        }
    }

    @Test
    void tls12OnlyServerRefusesATls13OnlyClient() throws Exception {
        try (TlsEchoTestServer server = new TlsEchoTestServer(TlsConfig.server(serverContext).withProtocols("TLSv1.2"));
                TlsStream tls = connect(TlsConfig.client(pki.trustingContext()).withProtocols("TLSv1.3"), server.port())) {
            TlsHandshakeException failure = assertThrows(TlsHandshakeException.class, tls::handshake);
            assertEquals(TlsFailure.NO_COMMON_PROTOCOL, failure.reason(), failure.toString());
        }
    }

    /** 200 clients and their server connections on virtual threads: the waits park, none pins a carrier. */
    @Test
    void virtualThreadsNeverPin() throws Exception {
        TlsConfig config = TlsConfig.client(pki.trustingContext());
        try (TlsEchoTestServer server = new TlsEchoTestServer(TlsConfig.server(serverContext))) {
            echoOnVirtualThreads(config, server.port(), 20); // warm up: class initialization may pin
            try (Recording recording = new Recording()) {
                recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO);
                recording.start();
                echoOnVirtualThreads(config, server.port(), 200);
                recording.stop();
                Path file = dir.resolve("tls-pinning.jfr");
                recording.dump(file);
                List<String> pinned = RecordingFile.readAllEvents(file).stream()
                        .filter(e -> e.getEventType().getName().equals("jdk.VirtualThreadPinned"))
                        .map(TlsFeaturesTest::topFrames).toList();
                assertEquals(List.of(), pinned, "pinned virtual threads");
            }
        }
    }

    private static String topFrames(RecordedEvent event) {
        return event.getStackTrace() == null ? "?" : event.getStackTrace().getFrames().stream().limit(6)
                .map(f -> f.getMethod().getType().getName() + "." + f.getMethod().getName()).toList().toString();
    }

    private static void echoOnVirtualThreads(TlsConfig config, int port, int count) throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < count; i++) {
            String text = "virtual " + i;
            threads.add(Thread.ofVirtual().start(() -> {
                try (TlsStream tls = connect(config, port)) {
                    if (!text.equals(echo(tls, text))) {
                        failures.add(new AssertionError("wrong echo for " + text));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        assertEquals(List.of(), failures);
    }
}
