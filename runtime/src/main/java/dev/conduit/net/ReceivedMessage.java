package dev.conduit.net;

import java.io.IOException;
import java.util.List;

/**
 * Bytes and descriptors received together over a Unix socket. The descriptors are the receiver's:
 * close each, or take it with {@link ReceivedDescriptor#release()}; {@link #close()} closes those
 * not taken.
 *
 * @param length the bytes stored in the caller's buffer; 0 at end of stream
 * @param descriptors the descriptors that came with them, in the order the peer sent them
 */
public record ReceivedMessage(long length, List<ReceivedDescriptor> descriptors) implements AutoCloseable {

    public ReceivedMessage {
        descriptors = List.copyOf(descriptors);
    }

    /** Closes every descriptor not released yet. */
    @Override
    public void close() throws IOException {
        IOException first = null;
        for (ReceivedDescriptor descriptor : descriptors) {
            try {
                descriptor.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
