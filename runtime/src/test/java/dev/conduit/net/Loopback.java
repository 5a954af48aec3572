package dev.conduit.net;

import java.io.IOException;

/** A TCP connection over 127.0.0.1 for tests: the listener, the client end and the accepted end. */
record Loopback(Socket listener, Socket client, Socket server) implements AutoCloseable {

    static final String HOST = "127.0.0.1";

    /** A socket listening on 127.0.0.1 at an ephemeral port. */
    static Socket listening() throws IOException {
        Socket listener = Socket.open();
        try {
            listener.bind(HOST, 0);
            listener.listen(8);
            return listener;
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
    }

    /** A connected pair; on loopback connect completes before accept, so one thread suffices. */
    static Loopback open() throws IOException {
        Socket listener = listening();
        Socket client = null;
        try {
            client = Socket.open();
            client.connect(HOST, listener.localAddress().getPort());
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
