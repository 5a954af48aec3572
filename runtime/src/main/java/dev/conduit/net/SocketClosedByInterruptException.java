package dev.conduit.net;

import java.io.Serial;

/**
 * A thread blocked (parked) in a call on the socket was interrupted, which closed the socket, as
 * the JDK's sockets do for virtual threads. The thread's interrupt status stays set.
 */
public class SocketClosedByInterruptException extends SocketClosedException {

    @Serial
    private static final long serialVersionUID = 1L;

    public SocketClosedByInterruptException() {
        super("closed by interrupt");
    }
}
