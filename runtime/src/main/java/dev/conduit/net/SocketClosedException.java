package dev.conduit.net;

import java.io.Serial;
import java.net.SocketException;

/**
 * The socket was closed: before the operation started, or by another thread while the operation
 * was blocked in the kernel (then the cause is the error the interrupted call returned, if any).
 */
public class SocketClosedException extends SocketException {

    @Serial
    private static final long serialVersionUID = 1L;

    public SocketClosedException() {
        super("Socket is closed");
    }

    public SocketClosedException(Throwable cause) {
        super("Socket is closed", cause);
    }

    /** For a subclass that says why the socket was closed. */
    protected SocketClosedException(String message) {
        super(message);
    }
}
