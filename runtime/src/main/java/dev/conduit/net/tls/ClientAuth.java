package dev.conduit.net.tls;

/** Whether a TLS server asks its clients for a certificate (mutual TLS). All platforms. */
public enum ClientAuth {
    /** No client certificate is asked for (the default). */
    NONE,
    /** A certificate is asked for; a client without one is still served, one with an untrusted one is not. */
    OPTIONAL,
    /** A trusted client certificate is required: the handshake fails without one. */
    REQUIRED
}
