package dev.conduit.net;

import java.io.IOException;
import java.net.InetSocketAddress;

/** A TCP connection over 127.0.0.1 for tests, made with the typed API: the listener, the client end and the accepted end. */
record Loopback(TcpListener listener, TcpStream client, TcpStream server) implements AutoCloseable {

    static final String HOST = "127.0.0.1";

    /** 127.0.0.1 at {@code port}, as the raw layer takes addresses. */
    static InetSocketAddress address(int port) {
        return new InetSocketAddress(HOST, port);
    }

    /** A connected pair; on loopback connect completes before accept, so one thread suffices. */
    static Loopback open() throws IOException {
        TcpListener listener = TcpListener.bind(HOST, 0);
        TcpStream client = null;
        try {
            client = TcpStream.connect(HOST, listener.localAddress().getPort());
            return new Loopback(listener, client, listener.accept());
        } catch (IOException | RuntimeException e) {
            if (client != null) {
                client.close();
            }
            listener.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try (listener; client; server) {
            // closes all three, even when one fails
        }
    }
}
