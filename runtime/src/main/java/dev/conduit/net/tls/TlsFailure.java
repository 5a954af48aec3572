package dev.conduit.net.tls;

/**
 * Why a TLS connection failed, as {@link TlsHandshakeException#reason()} and
 * {@link TlsProtocolException#reason()} report it. All platforms.
 */
public enum TlsFailure {
    /** The handshake did not finish within {@link TlsConfig#handshakeTimeout()}. */
    HANDSHAKE_TIMEOUT,
    /** The peer's first bytes are not a TLS record (garbage, or another protocol). */
    NOT_TLS,
    /** The peer sent a plaintext HTTP request to a TLS port. */
    PLAINTEXT_HTTP,
    /** The peer closed the connection (or the socket was closed) before the handshake finished. */
    CLOSED_DURING_HANDSHAKE,
    /** The connection ended without the peer's close_notify: what was received may be cut short. */
    TRUNCATED,
    /** The peer's certificate (or one in its chain) has expired or is not yet valid. */
    CERTIFICATE_EXPIRED,
    /** The server's certificate does not name the host the client connected to. */
    HOSTNAME_MISMATCH,
    /** The peer's certificate does not chain to a trusted certificate, or the peer rejected ours. */
    UNTRUSTED_CERTIFICATE,
    /** The server requires a client certificate and none was sent. */
    CLIENT_CERTIFICATE_REQUIRED,
    /** No protocol version both sides accept (TLS 1.3 and 1.2 by default). */
    NO_COMMON_PROTOCOL,
    /** No cipher suite both sides accept. */
    NO_COMMON_CIPHER,
    /** ALPN: the server supports none of the application protocols the client offered. */
    NO_APPLICATION_PROTOCOL,
    /** The peer asked for a TLS 1.2 renegotiation, which Conduit refuses. */
    RENEGOTIATION_REFUSED,
    /** A record failed to decrypt or to parse, or is larger than TLS allows. */
    BAD_RECORD,
    /** The peer sent a fatal alert not covered by another reason (its name is in the message). */
    PEER_ALERT,
    /** Any other handshake failure; the message and the cause say more. */
    HANDSHAKE_FAILED
}
