package dev.conduit.net.tls;

import java.nio.ByteBuffer;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * Turns the JDK's {@link SSLException}s into {@link TlsHandshakeException}s and
 * {@link TlsProtocolException}s with a {@link TlsFailure}, from the exception's causes and, where the
 * JDK has nothing more specific, the alert it names.
 */
final class TlsFailures {

    /** TLS record content types (RFC 8446 §5.1): alert and handshake; the first record is one of them. */
    private static final int ALERT = 21;
    private static final int HANDSHAKE = 22;
    /** The alert description close_notify (RFC 8446 §6). */
    private static final int CLOSE_NOTIFY = 0;

    private TlsFailures() {
    }

    /** How many bytes {@link #checkFirstRecord} needs: a record header, and an alert's two bytes. */
    static int bytesToCheckFirstRecord(ByteBuffer firstBytes) {
        return (firstBytes.get(firstBytes.position()) & 0xff) == ALERT ? 7 : 5;
    }

    /**
     * Fails before the engine sees {@code firstBytes} ({@link #bytesToCheckFirstRecord} of them)
     * when they cannot start TLS, or are a close_notify: a peer that closes before its handshake
     * (the JDK's SSLSocket does when shut down unused) is closing, not breaking the protocol.
     */
    static void checkFirstRecord(ByteBuffer firstBytes, boolean client) throws TlsHandshakeException {
        int type = firstBytes.get(firstBytes.position()) & 0xff;
        int major = firstBytes.get(firstBytes.position() + 1) & 0xff;
        if (type == ALERT && major == 3 && firstBytes.get(firstBytes.position() + 6) == CLOSE_NOTIFY) {
            throw new TlsHandshakeException(TlsFailure.CLOSED_DURING_HANDSHAKE,
                    "the peer sent close_notify before any handshake", null);
        }
        if ((type == HANDSHAKE || type == ALERT) && major == 3) {
            return;
        }
        String start = printable(firstBytes);
        if (!client && start.matches("^(GET|POST|HEAD|PUT|DELETE|OPTIONS|PATCH|CONNECT|TRACE|PRI) .*")) {
            throw new TlsHandshakeException(TlsFailure.PLAINTEXT_HTTP,
                    "a plaintext HTTP request came to a TLS port: '" + start + "'", null);
        }
        throw new TlsHandshakeException(TlsFailure.NOT_TLS, "the peer's first bytes are not a TLS record: '" + start + "'",
                null);
    }

    static TlsHandshakeException closedDuringHandshake(SSLEngine engine) {
        return new TlsHandshakeException(TlsFailure.CLOSED_DURING_HANDSHAKE, "the peer closed the connection during the "
                + (engine.getUseClientMode() ? "client's" : "server's") + " handshake", null);
    }

    static TlsHandshakeException handshakeTimeout(java.time.Duration timeout) {
        return new TlsHandshakeException(TlsFailure.HANDSHAKE_TIMEOUT, "the handshake did not finish within " + timeout,
                null);
    }

    /** {@code failure} with its reason: a handshake exception while {@code handshaking}, else a protocol one. */
    static SSLException classify(SSLException failure, boolean handshaking) {
        if (failure instanceof TlsHandshakeException || failure instanceof TlsProtocolException) {
            return failure;
        }
        TlsFailure reason = reasonOf(failure);
        String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        if (handshaking) {
            return new TlsHandshakeException(reason, message, failure);
        }
        return new TlsProtocolException(reason == TlsFailure.HANDSHAKE_FAILED ? TlsFailure.BAD_RECORD : reason, message,
                failure);
    }

    private static TlsFailure reasonOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
                return TlsFailure.CERTIFICATE_EXPIRED;
            }
            if (t instanceof CertPathValidatorException path
                    && path.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
                return TlsFailure.CERTIFICATE_EXPIRED;
            }
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("no subject alternative") || message.contains("no name matching")) {
                return TlsFailure.HOSTNAME_MISMATCH;
            }
        }
        String message = failure.getMessage() == null ? "" : failure.getMessage().toLowerCase(Locale.ROOT);
        if (message.contains("certificate_expired")) {
            return TlsFailure.CERTIFICATE_EXPIRED;
        }
        if (message.contains("certificate_required") || message.contains("empty client certificate chain")) {
            return TlsFailure.CLIENT_CERTIFICATE_REQUIRED;
        }
        if (message.contains("pkix") || message.contains("unknown_ca") || message.contains("certificate_unknown")
                || message.contains("bad_certificate") || message.contains("certification path")) {
            return TlsFailure.UNTRUSTED_CERTIFICATE;
        }
        if (message.contains("protocol_version") || message.contains("no appropriate protocol")) {
            return TlsFailure.NO_COMMON_PROTOCOL;
        }
        if (message.contains("no_application_protocol") || message.contains("application protocol")) {
            return TlsFailure.NO_APPLICATION_PROTOCOL;
        }
        if (message.contains("cipher suite") || message.contains("insufficient_security")
                || message.contains("no negotiable cipher")) {
            return TlsFailure.NO_COMMON_CIPHER;
        }
        if (message.contains("bad_record_mac") || message.contains("decrypt") || message.contains("record_overflow")
                || message.contains("unrecognized ssl message") || message.contains("unsupported or unrecognized")
                || message.contains("bad record") || message.contains("record size")
                || message.contains("record too big")) {
            return TlsFailure.BAD_RECORD;
        }
        if (message.contains("received fatal alert")) {
            return TlsFailure.PEER_ALERT;
        }
        return TlsFailure.HANDSHAKE_FAILED;
    }

    /** Up to 40 bytes as ASCII, others as {@code \xNN}: enough to tell what came instead of TLS. */
    private static String printable(ByteBuffer bytes) {
        StringBuilder text = new StringBuilder();
        int end = Math.min(bytes.limit(), bytes.position() + 40);
        for (int i = bytes.position(); i < end; i++) {
            int b = bytes.get(i) & 0xff;
            if (b >= 0x20 && b < 0x7f && b != '\'' && b != '\\') {
                text.append((char) b);
            } else {
                text.append(String.format(Locale.ROOT, "\\x%02x", b));
            }
        }
        if (bytes.remaining() > 40) {
            text.append("...");
        }
        return text.toString();
    }
}
