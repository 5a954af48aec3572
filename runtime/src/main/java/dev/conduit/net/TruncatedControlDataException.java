package dev.conduit.net;

import java.io.Serial;
import java.net.SocketException;

/**
 * The peer sent more ancillary data (descriptors) than the receive had room for
 * ({@code MSG_CTRUNC}). Every descriptor that did arrive was closed, so none leaked; the bytes of
 * the message were received and are lost to the caller.
 */
public class TruncatedControlDataException extends SocketException {

    @Serial
    private static final long serialVersionUID = 1L;

    public TruncatedControlDataException(String message) {
        super(message);
    }
}
