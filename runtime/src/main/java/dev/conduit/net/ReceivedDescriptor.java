package dev.conduit.net;

import dev.conduit.net.sys.SocketSystem;
import java.io.IOException;

/**
 * A descriptor received from a peer ({@code SCM_RIGHTS}), close-on-exec, owned by the receiver
 * until closed or released. It may be any open file: a socket, a pipe, a regular file.
 */
public final class ReceivedDescriptor implements AutoCloseable {

    private final SocketSystem system;
    private final int fd;
    private boolean owned = true; // guarded by this

    ReceivedDescriptor(SocketSystem system, int fd) {
        this.system = system;
        this.fd = fd;
    }

    /**
     * The descriptor's number, still owned here.
     *
     * @throws IllegalStateException once closed or released
     */
    public synchronized int fd() {
        requireOwned();
        return fd;
    }

    /** Hands the descriptor to the caller, who must close it; this object no longer does. */
    public synchronized int release() {
        requireOwned();
        owned = false;
        return fd;
    }

    /** Takes the descriptor as a Conduit socket (see {@link NativeSocket#adopt}); it is released from here. */
    public NativeSocket toSocket() throws IOException {
        synchronized (this) {
            requireOwned();
            NativeSocket socket = NativeSocket.adopt(fd);
            owned = false;
            return socket;
        }
    }

    /** Closes the descriptor unless it was released or closed already. */
    @Override
    public synchronized void close() throws IOException {
        if (owned) {
            owned = false;
            system.close(fd);
        }
    }

    @Override
    public synchronized String toString() {
        return "ReceivedDescriptor[" + (owned ? "fd " + fd : "released or closed") + "]";
    }

    private void requireOwned() {
        if (!owned) {
            throw new IllegalStateException("the descriptor was closed or released already");
        }
    }
}
