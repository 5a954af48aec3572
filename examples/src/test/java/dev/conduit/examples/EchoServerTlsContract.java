package dev.conduit.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.conduit.net.UnixStream;
import dev.conduit.net.tls.TlsConfig;
import dev.conduit.net.tls.TlsStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The black-box run of {@link EchoServerModeContract} over TLS 1.3: the server runs with
 * {@code --tls --cert --key}, every client is the JDK's {@link SSLSocket} over the same TCP
 * connection, verifying the server's certificate and host name; half-close is TLS 1.3's
 * close_notify. {@code --unix} is checked with Conduit's own {@link TlsStream} as the client.
 */
abstract class EchoServerTlsContract extends EchoServerModeContract {

    @TempDir
    static Path certificateDir;
    private EchoTlsCertificates certificates;
    private SSLContext clientContext;

    /** The arguments that pick the mode, without the TLS ones. */
    abstract List<String> plainModeArgs();

    @Override
    List<String> modeArgs() {
        List<String> args = new ArrayList<>(plainModeArgs());
        args.addAll(certificates().serverArgs());
        return args;
    }

    @Override
    boolean holdsManyIdleConnections() {
        return false; // 10,000 TLS handshakes from one test JVM take minutes: the 200-idle test covers TLS
    }

    @Override
    boolean servesPlainUnixClients() {
        return false;
    }

    private EchoTlsCertificates certificates() {
        if (certificates == null) {
            try {
                certificates = EchoTlsCertificates.create(certificateDir);
                clientContext = certificates.clientContext();
            } catch (Exception e) {
                throw new IllegalStateException("cannot make the test certificates", e);
            }
        }
        return certificates;
    }

    @Override
    Socket secure(Socket connected, String address) throws IOException {
        certificates();
        SSLSocket tls = (SSLSocket) clientContext.getSocketFactory().createSocket(connected, "localhost",
                connected.getPort(), true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3"});
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(parameters);
        return tls;
    }

    /**
     * Handshaken as it connects: with lazy handshakes the last of the contract's 1,000 clients would
     * wait for the 999 before it and could pass the server's 10 s handshake timeout on a loaded
     * machine, which is the timeout working, not the server failing.
     */
    @Override
    Socket connectReady(String address) throws IOException {
        SSLSocket socket = (SSLSocket) secure(EchoClients.connect(address, port()), address);
        socket.startHandshake();
        return socket;
    }

    @Test
    void negotiatesTls13WithTheGivenCertificate() throws Exception {
        try (SSLSocket socket = (SSLSocket) secure(EchoClients.connect("127.0.0.1", port()), "127.0.0.1")) {
            socket.startHandshake();
            assertEquals("TLSv1.3", socket.getSession().getProtocol());
            assertEquals("CN=localhost", ((java.security.cert.X509Certificate) socket.getSession().getPeerCertificates()[0])
                    .getSubjectX500Principal().getName());
        }
    }

    @Test
    void plaintextClientsAreRefusedAndOthersStillServed() throws Exception {
        try (Socket plain = EchoClients.connect("127.0.0.1", port())) {
            plain.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] answer = plain.getInputStream().readAllBytes(); // an alert at most, then the close
            assertFalse(new String(answer, StandardCharsets.ISO_8859_1).contains("GET"), "nothing is echoed in plaintext");
        }
        try (Socket socket = secure(EchoClients.connect("127.0.0.1", port()), "127.0.0.1")) {
            byte[] payload = "after the plaintext one".getBytes(StandardCharsets.US_ASCII);
            assertArrayEquals(payload, EchoClients.roundTrip(socket, payload));
        }
    }

    /** {@code --unix} with {@code --tls}: Conduit's TLS client over a Unix stream, payloads and half-close. */
    @Test
    void servesTlsOverUnixStreams(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("echo-tls.sock");
        try (EchoServerProcess own = EchoServerProcess.start(1, args("--unix", path.toString()))) {
            TlsConfig config = TlsConfig.client(certificates().clientContext());
            for (int size : new int[] {0, 1_000, 4 << 20}) {
                byte[] payload = new byte[size];
                new Random(size).nextBytes(payload);
                try (TlsStream tls = TlsStream.client(UnixStream.connect(java.net.UnixDomainSocketAddress.of(path)), config, "localhost")) {
                    CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                        try {
                            tls.writeAll(payload);
                            tls.shutdownOutput();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }, r -> Thread.ofPlatform().daemon().start(r));
                    assertArrayEquals(payload, tls.inputStream().readAllBytes(), size + " bytes");
                    sending.get(30, TimeUnit.SECONDS);
                    assertEquals("TLSv1.3", tls.protocol());
                }
            }
            own.signal("TERM");
            assertTrue(own.process.waitFor(15, TimeUnit.SECONDS), "server exits after SIGTERM");
            assertFalse(Files.exists(path), "the socket file is removed on exit");
        }
    }
}
