package dev.conduit.net.tls;

import javax.net.ssl.SSLProtocolException;

/**
 * A TLS connection failed after its handshake, for the {@link #reason()} given (a truncated
 * stream, a bad record, a refused renegotiation, a fatal alert); the JDK's own exception, when there
 * is one, is the cause. All platforms.
 */
public final class TlsProtocolException extends SSLProtocolException {

    private static final long serialVersionUID = 1L;

    private final TlsFailure reason;

    /**
     * A failure after the handshake.
     *
     * @param reason why the connection failed
     * @param message what happened, for people
     * @param cause the underlying failure, or null
     */
    public TlsProtocolException(TlsFailure reason, String message, Throwable cause) {
        super(reason + ": " + message);
        this.reason = reason;
        if (cause != null) {
            initCause(cause);
        }
    }

    /** Why the connection failed. */
    public TlsFailure reason() {
        return reason;
    }
}
