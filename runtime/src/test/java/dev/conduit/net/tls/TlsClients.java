package dev.conduit.net.tls;

import dev.conduit.net.TcpStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** What the TLS tests' Conduit clients share: connecting to 127.0.0.1 as "localhost", payloads, round trips. */
final class TlsClients {

    private TlsClients() {
    }

    /** A client TlsStream over TCP to 127.0.0.1:{@code port}, verifying the name "localhost". */
    static TlsStream connect(TlsConfig config, int port) throws IOException {
        return TlsStream.client(TcpStream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)), config,
                "localhost");
    }

    /** {@code size} random bytes, the same for the same size. */
    static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** Sends {@code payload} from another thread while reading as many bytes back. */
    static byte[] roundTrip(TlsStream tls, byte[] payload) throws Exception {
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            try {
                tls.writeAll(payload);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, r -> Thread.ofPlatform().daemon().start(r));
        byte[] echoed = tls.inputStream().readNBytes(payload.length);
        sending.get(30, TimeUnit.SECONDS);
        return echoed;
    }
}
