package dev.conduit.net;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A TCP connection over 127.0.0.1 for tests, made one system call at a time with {@link NativeSocket}:
 * the listener, the client end and the accepted end.
 */
record NativeLoopback(NativeSocket listener, NativeSocket client, NativeSocket server) implements AutoCloseable {

    /** A TCP socket listening on 127.0.0.1 at an ephemeral port: socket, bind, listen. */
    static NativeSocket listening() throws IOException {
        NativeSocket listener = NativeSocket.open(SocketFamily.INET, SocketType.STREAM);
        try {
            listener.bind(Loopback.address(0));
            listener.listen(8);
            return listener;
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
    }

    /** A connected pair; on loopback connect completes before accept, so one thread suffices. */
    static NativeLoopback open() throws IOException {
        NativeSocket listener = listening();
        NativeSocket client = null;
        try {
            client = NativeSocket.open(SocketFamily.INET, SocketType.STREAM);
            client.connect(Loopback.address(((InetSocketAddress) listener.localAddress()).getPort()));
            return new NativeLoopback(listener, client, listener.accept());
        } catch (IOException | RuntimeException e) {
            if (client != null) {
                client.close();
            }
            listener.close();
            throw e;
        }
    }

    /** All of {@code data}, with as many {@link NativeSocket#write(byte[], int, int)} calls as it takes. */
    static void writeAll(NativeSocket socket, byte[] data) throws IOException {
        int sent = 0;
        do { // at least once, so an empty array still fails on a closed socket
            sent += socket.write(data, sent, data.length - sent);
        } while (sent < data.length);
    }

    /** Exactly {@code length} bytes, with as many {@link NativeSocket#read(byte[], int, int)} calls as it takes. */
    static byte[] readExactly(NativeSocket socket, int length) throws IOException {
        byte[] received = new byte[length];
        int total = 0;
        for (int i = 0; i < 1000 && total < length; i++) {
            int n = socket.read(received, total, length - total);
            if (n < 0) {
                throw new java.io.EOFException("end of stream after " + total + " of " + length + " bytes");
            }
            total += n;
        }
        if (total < length) {
            throw new AssertionError("only " + total + " of " + length + " bytes after 1000 reads");
        }
        return received;
    }

    @Override
    public void close() throws IOException {
        try (listener; client; server) {
            // closes all three, even when one fails
        }
    }
}
