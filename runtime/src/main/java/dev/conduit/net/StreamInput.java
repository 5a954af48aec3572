package dev.conduit.net;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * {@link StreamConnection#inputStream()}: reads of the connection as an {@link InputStream}, for
 * code written against java.io. Closing it closes the connection, as for {@link java.net.Socket}.
 */
final class StreamInput extends InputStream {

    private final StreamConnection connection;

    StreamInput(StreamConnection connection) {
        this.connection = connection;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = connection.read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] destination, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, destination.length);
        if (length == 0) {
            return 0;
        }
        return connection.read(destination, offset, length);
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
