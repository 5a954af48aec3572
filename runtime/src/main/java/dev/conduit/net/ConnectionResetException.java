package dev.conduit.net;

import java.io.Serial;

/** The peer reset the connection ({@code ECONNRESET}): it closed without reading everything, or aborted. */
public class ConnectionResetException extends ErrnoException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** See {@link ErrnoException#ErrnoException(String, String, String, int)}. */
    public ConnectionResetException(String message, String function, String errnoName, int errno) {
        super(message, function, errnoName, errno);
    }
}
