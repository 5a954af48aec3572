package dev.conduit.net.tls;

import javax.net.ssl.SSLHandshakeException;

/**
 * The TLS handshake failed, for the {@link #reason()} given; the JDK's own exception, when there is
 * one, is the cause. The connection is closed when this is thrown. All platforms.
 */
public final class TlsHandshakeException extends SSLHandshakeException {

    private static final long serialVersionUID = 1L;

    /** The reason; not serialized beyond its name. */
    private final TlsFailure reason;

    /**
     * A handshake failure.
     *
     * @param reason why it failed
     * @param message what happened, for people
     * @param cause the underlying failure, or null
     */
    public TlsHandshakeException(TlsFailure reason, String message, Throwable cause) {
        super(reason + ": " + message);
        this.reason = reason;
        if (cause != null) {
            initCause(cause);
        }
    }

    /** Why the handshake failed. */
    public TlsFailure reason() {
        return reason;
    }
}
