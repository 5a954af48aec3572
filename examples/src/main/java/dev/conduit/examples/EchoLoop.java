package dev.conduit.examples;

import dev.conduit.net.NativeSocket;
import dev.conduit.net.Poller;
import dev.conduit.net.PollerKey;
import dev.conduit.net.SocketFamily;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.StandardSocketOptions;
import java.util.ArrayDeque;
import java.util.List;

/**
 * One event-loop thread of {@code --mode loop} over plain streams ({@link EchoEventLoop} has the
 * thread, the listeners and accepting). A connection is watched for READ while everything it sent has been echoed: one read, then one write of what was
 * read. What the write could not take stays in the connection's pending buffer and the connection
 * is watched for {@link Poller#WRITE} instead: it is not read from until the pending bytes are sent
 * (back-pressure: a client that does not read its echo is not read from, so TCP's flow control
 * stops it sending, and the server holds at most one buffer for it). End of stream with nothing
 * pending (and nothing can be pending then: input is not read while it is) is the client's
 * half-close: {@code shutdown(SHUT_WR)} and close, as in threads mode, so the client reads all its
 * echo and then end of stream. A reset or any other failure closes the connection.
 *
 * <p>Memory: buffers of {@value #BUFFER_BYTES} bytes of native memory, each from its own confined
 * arena of the loop thread. The loop reads into its scratch buffer; when a write leaves bytes
 * behind, that buffer becomes the connection's pending buffer (no copy) and the loop takes another
 * from its pool; a drained or closed connection's buffer goes back to the pool, which keeps up to
 * {@value #POOLED_BUFFERS} and frees the rest. So an idle connection or one whose echo keeps up
 * holds no buffer, and in steady state nothing is allocated per event (writes name their range
 * instead of making a slice).
 */
final class EchoLoop extends EchoEventLoop {

    static final int BUFFER_BYTES = 64 * 1024;
    private static final int POOLED_BUFFERS = 64;

    /** A native buffer and the arena it came from (its own, so it can be freed alone). */
    private static final class Buffer {
        final Arena arena;
        final MemorySegment segment;

        Buffer(Arena arena) {
            this.arena = arena;
            this.segment = arena.allocate(BUFFER_BYTES);
        }
    }

    /** One client; a member of the loop's list of open connections. */
    private static final class Connection {
        final NativeSocket socket;
        PollerKey key;
        /** Read but not yet echoed: {@code pending[start, end)}; null when everything was echoed. */
        Buffer pending;
        long start;
        long end;
        Connection previous;
        Connection next;

        Connection(NativeSocket socket) {
            this.socket = socket;
        }
    }

    // the loop thread's own
    private final ArrayDeque<Buffer> freeBuffers = new ArrayDeque<>();
    private Buffer scratch;
    private Connection connections; // the first of the open ones

    private EchoLoop(int index, Poller poller, List<Listener> listeners, AcceptFailures acceptFailures) {
        super("echo-loop", index, poller, listeners, acceptFailures);
    }

    /**
     * A loop over {@code listeners}, made non-blocking and registered here; the thread starts with
     * {@link #start()}. On failure the listeners are left open, for the caller to close.
     */
    static EchoLoop open(int index, List<Listener> listeners, AcceptFailures acceptFailures) throws IOException {
        return new EchoLoop(index, registered(listeners), listeners, acceptFailures);
    }

    @Override
    void started() {
        scratch = takeBuffer();
    }

    @Override
    void open(NativeSocket client) {
        Connection connection = new Connection(client);
        try {
            if (client.family() != SocketFamily.UNIX) {
                client.setOption(StandardSocketOptions.TCP_NODELAY, true); // an echo goes out at once
            }
            connection.key = poller.register(client, Poller.READ, false, connection);
        } catch (IOException | RuntimeException e) {
            closeQuietly(client);
            return;
        }
        connection.next = connections;
        if (connections != null) {
            connections.previous = connection;
        }
        connections = connection;
    }

    // --- echoing ---------------------------------------------------------------------------------

    @Override
    void serve(Object ready) {
        Connection connection = (Connection) ready;
        try {
            if (connection.pending != null) {
                flush(connection);
            } else {
                echo(connection);
            }
        } catch (IOException e) {
            close(connection); // reset, or gone: the connection is over either way
        }
    }

    /** Readable: echo one read's worth, keeping what the socket does not take now. */
    private void echo(Connection connection) throws IOException {
        MemorySegment buffer = scratch.segment;
        long read = connection.socket.read(buffer);
        if (read == 0) {
            return; // nothing after all
        }
        if (read < 0) { // the client half-closed, and everything it sent was echoed: half-close too
            connection.socket.shutdownOutput();
            close(connection);
            return;
        }
        long written = connection.socket.write(buffer, 0, read);
        if (written < read) {
            connection.pending = scratch;
            connection.start = written;
            connection.end = read;
            scratch = takeBuffer();
            connection.key.interest(Poller.WRITE); // and no more reading until it drains
        }
    }

    /** Writable with bytes pending: send more of them; once they are all sent, read again. */
    private void flush(Connection connection) throws IOException {
        connection.start += connection.socket.write(
                connection.pending.segment, connection.start, connection.end - connection.start);
        if (connection.start < connection.end) {
            return;
        }
        giveBack(connection.pending);
        connection.pending = null;
        connection.key.interest(Poller.READ);
    }

    private void close(Connection connection) {
        if (connection.previous != null) {
            connection.previous.next = connection.next;
        } else if (connections == connection) {
            connections = connection.next;
        }
        if (connection.next != null) {
            connection.next.previous = connection.previous;
        }
        connection.previous = null;
        connection.next = null;
        try {
            connection.key.cancel();
        } catch (IOException | RuntimeException ignored) {
            // closing the descriptor removes it from the poller anyway
        }
        closeQuietly(connection.socket);
        if (connection.pending != null) {
            giveBack(connection.pending);
            connection.pending = null;
        }
    }

    // --- buffers ---------------------------------------------------------------------------------

    private Buffer takeBuffer() {
        Buffer buffer = freeBuffers.poll();
        return buffer != null ? buffer : new Buffer(Arena.ofConfined());
    }

    private void giveBack(Buffer buffer) {
        if (freeBuffers.size() < POOLED_BUFFERS) {
            freeBuffers.push(buffer);
        } else {
            buffer.arena.close();
        }
    }

    // --- the end ---------------------------------------------------------------------------------

    @Override
    void closeConnections() {
        while (connections != null) {
            close(connections);
        }
        if (scratch != null) {
            scratch.arena.close();
            scratch = null;
        }
        for (Buffer buffer : freeBuffers) {
            buffer.arena.close();
        }
        freeBuffers.clear();
    }
}
