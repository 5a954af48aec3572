package dev.conduit.net.tls;

import static dev.conduit.net.tls.TlsClients.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.conduit.net.TcpStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input over loopback: garbage, plaintext HTTP, truncated records, stalled and closed
 * handshakes, bad certificates, renegotiation. Each fails with a typed exception and its reason,
 * the server goes on serving others, and no descriptor is left behind.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsBadInputTest {

    @TempDir
    static Path dir;
    static TestPki pki;
    static SSLContext serverContext;
    static TlsEchoTestServer server;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create(dir, "bad-input");
        serverContext = pki.context(pki.server("server"));
        server = new TlsEchoTestServer(TlsConfig.server(serverContext).withHandshakeTimeout(Duration.ofMillis(700)));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** The server still serves a good client. */
    static void assertStillServing() throws Exception {
        try (TlsStream tls = connect(TlsConfig.client(pki.trustingContext()), server.port())) {
            tls.writeAll("still here".getBytes(StandardCharsets.US_ASCII));
            assertEquals("still here", new String(tls.inputStream().readNBytes(10), StandardCharsets.US_ASCII));
            assertEquals(TlsEchoTestServer.HANDSHAKE_OK, server.nextOutcome());
        }
    }

    static TlsFailure serverFailure() throws InterruptedException {
        Object outcome = server.nextOutcome();
        TlsHandshakeException failure = assertInstanceOf(TlsHandshakeException.class, outcome);
        return failure.reason();
    }

    static void sendRaw(byte[] bytes, boolean waitForClose) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(bytes);
            if (waitForClose) {
                socket.getInputStream().readAllBytes(); // the server closes (after an alert, if any)
            }
        }
    }

    @Test
    void garbageInsteadOfClientHello() throws Exception {
        byte[] garbage = new byte[2000];
        new Random(7).nextBytes(garbage);
        garbage[0] = 0x00;
        sendRaw(garbage, true);
        assertEquals(TlsFailure.NOT_TLS, serverFailure());
        assertStillServing();
    }

    @Test
    void plaintextHttpToTheTlsPort() throws Exception {
        sendRaw("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII), true);
        Object outcome = server.nextOutcome();
        TlsHandshakeException failure = assertInstanceOf(TlsHandshakeException.class, outcome);
        assertEquals(TlsFailure.PLAINTEXT_HTTP, failure.reason());
        assertTrue(failure.getMessage().contains("GET / HTTP/1.1"), failure.getMessage());
        assertStillServing();
    }

    /** A handshake record that announces 300 bytes, of which 40 come before the client closes. */
    @Test
    void truncatedRecordThenClose() throws Exception {
        byte[] record = new byte[45];
        record[0] = 22; // handshake
        record[1] = 3;
        record[2] = 1;
        record[3] = 1; // length 300
        record[4] = 44;
        record[5] = 1; // ClientHello
        sendRaw(record, false);
        assertEquals(TlsFailure.CLOSED_DURING_HANDSHAKE, serverFailure());
        assertStillServing();
    }

    /**
     * A record announcing 65,535 bytes, more than TLS allows (2^14 + 2,048), is refused as it is
     * announced, not buffered: what a connection holds stays bounded by one legal record.
     */
    @Test
    void anOversizedRecordIsRefusedNotBuffered() throws Exception {
        byte[] header = {22, 3, 3, (byte) 0xff, (byte) 0xff};
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(header);
            try {
                out.write(new byte[65_535]);
            } catch (IOException refused) {
                // the server may have closed already
            }
            socket.getInputStream().readAllBytes(); // an alert at most, then the close
        } catch (java.net.SocketException reset) {
            // the server closed with our bytes unread: a reset is the same answer
        }
        TlsHandshakeException failure = assertInstanceOf(TlsHandshakeException.class, server.nextOutcome());
        assertEquals(TlsFailure.BAD_RECORD, failure.reason(), failure.toString());
        assertStillServing();
    }

    @Test
    void aPeerThatStopsMidHandshakeTimesOut() throws Exception {
        byte[] start = {22, 3, 1, 1, 44, 1, 0, 1};
        long began = System.nanoTime();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.getOutputStream().write(start); // and then nothing
            socket.setSoTimeout(10_000);
            assertEquals(-1, socket.getInputStream().read(), "the server closes the stalled connection");
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        assertEquals(TlsFailure.HANDSHAKE_TIMEOUT, serverFailure());
        assertTrue(millis >= 600 && millis < 8_000, "closed after " + millis + " ms (timeout 700 ms)");
        assertStillServing();
    }

    @Test
    void aClientThatSaysNothingTimesOut() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            assertEquals(-1, socket.getInputStream().read());
        }
        assertEquals(TlsFailure.HANDSHAKE_TIMEOUT, serverFailure());
    }

    /**
     * A close_notify before any handshake (what the JDK's SSLSocket sends when shut down unused) is
     * the peer closing: no alert back, just the close.
     */
    @Test
    void closeNotifyBeforeTheHandshakeIsAQuietClose() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(new byte[] {21, 3, 3, 0, 2, 1, 0}); // alert: warning, close_notify
            assertEquals(-1, socket.getInputStream().read(), "closed, with no alert");
        }
        assertEquals(TlsFailure.CLOSED_DURING_HANDSHAKE, serverFailure());
        assertStillServing();
    }

    @Test
    void expiredServerCertificate() throws Exception {
        TestPki.Issued expired = pki.issue("expired", "DNS:localhost,IP:127.0.0.1", -1);
        assertClientFails(pki.context(expired), TlsConfig.client(pki.trustingContext()), TlsFailure.CERTIFICATE_EXPIRED);
    }

    @Test
    void serverCertificateForAnotherHost() throws Exception {
        TestPki.Issued other = pki.issue("other-host", "DNS:other.example", 30);
        TlsConfig verifying = TlsConfig.client(pki.trustingContext());
        assertClientFails(pki.context(other), verifying, TlsFailure.HOSTNAME_MISMATCH);
        // the explicit way out: the chain is still checked, the name is not
        try (TlsEchoTestServer own = new TlsEchoTestServer(TlsConfig.server(pki.context(other)));
                TlsStream tls = connect(verifying.withHostnameVerification(false), own.port())) {
            tls.writeAll(new byte[] {42});
            assertEquals(42, tls.inputStream().read());
        }
    }

    @Test
    void serverCertificateFromAnUntrustedCa() throws Exception {
        TestPki stranger = TestPki.create(Files.createDirectories(dir.resolve("stranger")), "stranger");
        assertClientFails(stranger.context(stranger.server("server")), TlsConfig.client(pki.trustingContext()),
                TlsFailure.UNTRUSTED_CERTIFICATE);
    }

    @Test
    void clientCertificateTheServerDoesNotTrust() throws Exception {
        TestPki stranger = TestPki.create(Files.createDirectories(dir.resolve("client-stranger")), "client-stranger");
        TestPki.Issued untrusted = stranger.issue("intruder", null, 30);
        SSLContext clientContext = InsistentKeyManager.context(untrusted, pki.caCertificate);
        try (TlsEchoTestServer own = new TlsEchoTestServer(
                TlsConfig.server(serverContext).withClientAuth(ClientAuth.REQUIRED))) {
            try (TlsStream tls = connect(TlsConfig.client(clientContext), own.port())) {
                assertThrows(SSLException.class, () -> {
                    tls.writeAll(new byte[] {1}); // TLS 1.3: the client's handshake ends before the server's verdict
                    tls.read(new byte[1]);
                });
            }
            TlsHandshakeException failure = assertInstanceOf(TlsHandshakeException.class, own.nextOutcome());
            assertEquals(TlsFailure.UNTRUSTED_CERTIFICATE, failure.reason(), failure.toString());
        }
    }

    @Test
    void closeDuringTheHandshake() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            TlsStream tls = connect(TlsConfig.client(pki.trustingContext()), silent.getLocalPort());
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(200);
                    tls.close();
                } catch (Exception ignored) {
                    // the assertion below notices
                }
            });
            TlsHandshakeException failure = assertThrows(TlsHandshakeException.class, tls::handshake);
            assertEquals(TlsFailure.CLOSED_DURING_HANDSHAKE, failure.reason());
            assertTrue(tls.isClosed());
        }
    }

    /** The peer's TCP connection ends after the handshake without close_notify: not a quiet end of stream. */
    @Test
    void truncationAfterTheHandshake() throws Exception {
        Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.port());
        try {
            SSLSocket tls = (SSLSocket) pki.trustingContext().getSocketFactory().createSocket(plain, "localhost",
                    server.port(), false);
            tls.startHandshake();
            OutputStream out = tls.getOutputStream();
            out.write("cut".getBytes(StandardCharsets.US_ASCII));
            assertEquals("cut", new String(tls.getInputStream().readNBytes(3), StandardCharsets.US_ASCII));
            assertEquals(TlsEchoTestServer.HANDSHAKE_OK, server.nextOutcome());
        } finally {
            plain.close(); // TCP FIN with no close_notify
        }
        TlsProtocolException failure = assertInstanceOf(TlsProtocolException.class, server.nextOutcome());
        assertEquals(TlsFailure.TRUNCATED, failure.reason());
        assertStillServing();
    }

    @Test
    void renegotiationAskedByAJdkServerIsRefused() throws Exception {
        try (SSLServerSocket jdk = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket(0, 5,
                InetAddress.getLoopbackAddress())) {
            jdk.setEnabledProtocols(new String[] {"TLSv1.2"});
            Thread.ofPlatform().daemon().start(() -> {
                try (SSLSocket accepted = (SSLSocket) jdk.accept()) {
                    accepted.setSoTimeout(10_000);
                    accepted.getOutputStream().write(1);
                    accepted.startHandshake(); // a HelloRequest: renegotiate
                    accepted.getOutputStream().write(2);
                    accepted.getInputStream().read();
                } catch (IOException ignored) {
                    // the client refuses: this side fails
                }
            });
            try (TlsStream tls = connect(TlsConfig.client(pki.trustingContext()), jdk.getLocalPort())) {
                assertEquals(1, tls.inputStream().read());
                TlsProtocolException failure = assertThrows(TlsProtocolException.class, () -> tls.read(new byte[1]));
                assertEquals(TlsFailure.RENEGOTIATION_REFUSED, failure.reason());
            }
        }
    }

    @Test
    void renegotiationAskedByAJdkClientIsRefused() throws Exception {
        try (SSLSocket tls = (SSLSocket) pki.trustingContext().getSocketFactory().createSocket("127.0.0.1", server.port())) {
            tls.setEnabledProtocols(new String[] {"TLSv1.2"});
            tls.setSoTimeout(10_000);
            tls.getOutputStream().write(5);
            assertEquals(5, tls.getInputStream().read());
            assertEquals(TlsEchoTestServer.HANDSHAKE_OK, server.nextOutcome());
            try {
                tls.startHandshake(); // a new ClientHello
                tls.getOutputStream().write(6);
                tls.getInputStream().read();
            } catch (IOException expected) {
                // the server refused and closed
            }
        }
        TlsProtocolException failure = assertInstanceOf(TlsProtocolException.class, server.nextOutcome());
        assertEquals(TlsFailure.RENEGOTIATION_REFUSED, failure.reason());
        assertStillServing();
    }

    @Test
    void badClientsLeaveNoDescriptorBehind() throws Exception {
        Path fds = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(fds), "counts descriptors in /proc/self/fd (Linux)");
        assertStillServing(); // warm up
        long before = countFds(fds);
        for (int i = 0; i < 30; i++) {
            sendRaw(("GET /" + i + " HTTP/1.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII), true);
            assertEquals(TlsFailure.PLAINTEXT_HTTP, serverFailure());
            byte[] garbage = new byte[100 + i];
            new Random(i).nextBytes(garbage);
            garbage[0] = 1;
            sendRaw(garbage, true);
            assertEquals(TlsFailure.NOT_TLS, serverFailure());
        }
        assertStillServing();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long after = countFds(fds);
        while (after > before && System.nanoTime() < deadline) {
            Thread.sleep(50);
            after = countFds(fds);
        }
        // at most: a connection of an earlier test may still have been closing when the baseline was read
        assertTrue(after <= before, "descriptors after 60 bad clients: " + after + ", before: " + before);
    }

    private static long countFds(Path fds) throws IOException {
        try (var list = Files.list(fds)) {
            return list.count();
        }
    }

    private static void assertClientFails(SSLContext serverSide, TlsConfig clientConfig, TlsFailure expected) throws Exception {
        try (TlsEchoTestServer own = new TlsEchoTestServer(TlsConfig.server(serverSide));
                TlsStream tls = connect(clientConfig, own.port())) {
            TlsHandshakeException failure = assertThrows(TlsHandshakeException.class, tls::handshake);
            assertEquals(expected, failure.reason(), failure.toString());
            assertTrue(tls.isClosed(), "a failed handshake closes the connection");
            assertInstanceOf(TlsHandshakeException.class, own.nextOutcome(), "the server learns of it from the alert");
        }
    }
}
