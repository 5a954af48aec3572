package dev.conduit.net.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * Drives one {@link SSLEngine} over a {@link Transport}, for {@link TlsStream} (blocking) and
 * {@link TlsDriver} (event loop). The read side ({@link #handshake}, {@link #read}) owns the inbound
 * buffers, the write side ({@link #write}, {@link #flush}, {@link #wrapPending}) the outbound
 * one; the engine may wrap and unwrap at once, so a caller may run one read-side and one write-side
 * call concurrently, but not two of a side.
 *
 * <p>Every buffer is bounded by the session's packet or application buffer size: a peer sending
 * garbage, oversized records or a handshake that never ends costs at most those (and the timeout).
 * Records are wrapped from at most {@value #MAX_PLAINTEXT} bytes of application data each.
 *
 * <p>Results: a count, or {@link #WANT_READ} / {@link #WANT_WRITE} when a non-blocking transport
 * must become readable or writable first, {@link #NEEDS_WRAP} when the engine must send something
 * (a KeyUpdate answer, a close_notify reply) before reading on: call {@link #wrapPending} from the
 * write side, then read again.
 */
final class TlsEngineCore {

    static final int WANT_READ = -2;
    static final int WANT_WRITE = -3;
    static final int NEEDS_WRAP = -4;
    static final int END = -1;

    /** The largest TLS plaintext record (RFC 8446 §5.1): what one wrap takes at most. */
    static final int MAX_PLAINTEXT = 16 * 1024;

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private final Transport transport;
    private final boolean client;
    /** Received, not yet unwrapped: fill mode (position is the end of the data). */
    private ByteBuffer netIn;
    /** Unwrapped, not yet handed out: drain mode ([position, limit) is the data). */
    private ByteBuffer appIn;
    /** Wrapped, not yet sent: drain mode. */
    private ByteBuffer netOut;
    private volatile boolean handshakeDone;
    private boolean handshakeStarted;
    private boolean firstRecordChecked;
    private volatile boolean inboundDone;
    /** The engine asked to send something (a KeyUpdate answer) while unwrapped data waited: read side. */
    private boolean wrapOwed;

    TlsEngineCore(SSLEngine engine, Transport transport) {
        this.engine = engine;
        this.transport = transport;
        this.client = engine.getUseClientMode();
        SSLSession session = engine.getSession();
        this.netIn = ByteBuffer.allocate(session.getPacketBufferSize());
        this.appIn = ByteBuffer.allocate(session.getApplicationBufferSize()).flip();
        this.netOut = ByteBuffer.allocate(session.getPacketBufferSize()).flip();
    }

    SSLEngine engine() {
        return engine;
    }

    boolean handshakeDone() {
        return handshakeDone;
    }

    /** Whether the peer's close_notify has been read. */
    boolean inboundDone() {
        return inboundDone;
    }

    /** Whether wrapped bytes wait to be sent. */
    boolean hasPendingOutput() {
        return netOut.hasRemaining();
    }

    // --- handshake (both sides: call with the read and the write side held) -----------------------

    /**
     * Moves the handshake on: 0 once it is done (and everything of it sent), else
     * {@link #WANT_READ} or {@link #WANT_WRITE}.
     */
    int handshake() throws IOException {
        if (!handshakeStarted) {
            handshakeStarted = true;
            engine.beginHandshake();
        }
        while (true) {
            if (!flushNow()) {
                return WANT_WRITE;
            }
            if (handshakeDone) {
                return 0;
            }
            HandshakeStatus status = engine.getHandshakeStatus();
            switch (status) {
                case NEED_TASK -> runTasks();
                case NEED_WRAP -> wrapInto(EMPTY, true);
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    SSLEngineResult result = unwrapOnce(true);
                    if (result == null) {
                        int read = fill();
                        if (read == 0) {
                            return WANT_READ;
                        }
                        if (read < 0) {
                            throw TlsFailures.closedDuringHandshake(engine);
                        }
                    } else if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new TlsHandshakeException(TlsFailure.CLOSED_DURING_HANDSHAKE,
                                "the peer closed TLS during the handshake", null);
                    }
                }
                case FINISHED, NOT_HANDSHAKING -> handshakeDone = true;
            }
        }
    }

    // --- read side -------------------------------------------------------------------------------

    /**
     * Reads application data into {@code destination}: bytes read (at least one), {@link #END}
     * once the peer's close_notify has come, or {@link #WANT_READ}, {@link #WANT_WRITE},
     * {@link #NEEDS_WRAP}. TLS 1.3 post-handshake messages (session tickets, KeyUpdate) are
     * consumed on the way and never reported as data or as the end.
     */
    int read(ByteBuffer destination) throws IOException {
        if (!destination.hasRemaining()) {
            return 0;
        }
        while (true) {
            if (appIn.hasRemaining()) {
                return drainTo(destination);
            }
            if (wrapOwed) { // asked for with data still to hand out: answered before reading on
                wrapOwed = false;
                return NEEDS_WRAP;
            }
            if (inboundDone) {
                return END;
            }
            SSLEngineResult result = unwrapOnce(false);
            if (result == null) {
                int read = fill();
                if (read == 0) {
                    return WANT_READ;
                }
                if (read < 0) {
                    throw new TlsProtocolException(TlsFailure.TRUNCATED,
                            "the connection ended without the peer's close_notify", null);
                }
                continue;
            }
            if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                inboundDone = true; // the peer's close_notify; the engine may want to answer it (TLS 1.2)
            }
            HandshakeStatus status = result.getHandshakeStatus();
            if (status == HandshakeStatus.NEED_TASK) {
                runTasks();
                status = engine.getHandshakeStatus();
            }
            if (status != HandshakeStatus.NOT_HANDSHAKING && status != HandshakeStatus.FINISHED
                    && !inboundDone && !isTls13()) {
                throw new TlsProtocolException(TlsFailure.RENEGOTIATION_REFUSED,
                        "the peer asked to renegotiate TLS 1.2, which is refused", null);
            }
            if (status == HandshakeStatus.NEED_WRAP) {
                if (!appIn.hasRemaining()) {
                    return NEEDS_WRAP;
                }
                wrapOwed = true;
            }
        }
    }

    /** Bytes of application data ready to read without touching the socket. */
    int available() {
        return appIn.remaining();
    }

    // --- write side ------------------------------------------------------------------------------

    /**
     * Encrypts and sends from {@code source}, a record of at most {@value #MAX_PLAINTEXT} bytes at a
     * time: the bytes taken, or {@link #WANT_WRITE} when nothing could be taken because earlier
     * records still wait for room (then {@link #flush}). Bytes taken are sent, or pending.
     */
    int write(ByteBuffer source) throws IOException {
        int taken = 0;
        while (source.hasRemaining()) {
            if (!flushNow()) {
                return taken == 0 ? WANT_WRITE : taken;
            }
            int chunk = Math.min(source.remaining(), MAX_PLAINTEXT);
            ByteBuffer record = source.slice(source.position(), chunk);
            SSLEngineResult result = wrapInto(record, false);
            source.position(source.position() + result.bytesConsumed());
            taken += result.bytesConsumed();
        }
        if (!flushNow()) {
            return taken == 0 ? WANT_WRITE : taken;
        }
        return taken;
    }

    /** Sends what is pending: true once all is sent. */
    boolean flush() throws IOException {
        return flushNow();
    }

    /** Wraps what the engine asks to send after a read (KeyUpdate, close_notify reply), then sends it: true once sent. */
    boolean wrapPending() throws IOException {
        while (flushNow()) {
            HandshakeStatus status = engine.getHandshakeStatus();
            if (status == HandshakeStatus.NEED_TASK) {
                runTasks();
            } else if (status == HandshakeStatus.NEED_WRAP && !engine.isOutboundDone()) {
                wrapInto(EMPTY, false);
            } else {
                return true;
            }
        }
        return false;
    }

    /**
     * Starts the orderly close of our direction: close_notify is wrapped (then {@link #flush}).
     * In TLS 1.3 the peer may go on sending, and we on reading; in TLS 1.2 the engine closes both.
     */
    void closeOutbound() throws IOException {
        engine.closeOutbound();
        while (!engine.isOutboundDone() && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            if (!flushNow()) {
                return; // the rest is wrapped once there is room
            }
            SSLEngineResult result = wrapInto(EMPTY, false);
            if (result.bytesProduced() == 0) {
                break;
            }
        }
    }

    // --- the engine calls ------------------------------------------------------------------------

    /** Unwraps one record from netIn into appIn, or null when a whole record has not arrived. */
    private SSLEngineResult unwrapOnce(boolean handshaking) throws IOException {
        netIn.flip();
        try {
            if (netIn.remaining() == 0) {
                return null;
            }
            if (!firstRecordChecked) {
                if (netIn.remaining() < TlsFailures.bytesToCheckFirstRecord(netIn)) {
                    return null;
                }
                TlsFailures.checkFirstRecord(netIn, client);
                firstRecordChecked = true;
            }
            appIn.compact(); // appIn is empty when unwrapping: this only resets it for filling
            SSLEngineResult result;
            try {
                result = engine.unwrap(netIn, appIn);
            } catch (SSLException e) {
                throw TlsFailures.classify(e, handshaking || !handshakeDone);
            } finally {
                appIn.flip();
            }
            switch (result.getStatus()) {
                case BUFFER_UNDERFLOW -> {
                    growNetInIfFull();
                    return null;
                }
                case BUFFER_OVERFLOW -> {
                    int needed = engine.getSession().getApplicationBufferSize();
                    if (appIn.capacity() >= needed) {
                        throw new TlsProtocolException(TlsFailure.BAD_RECORD, "a record larger than TLS allows", null);
                    }
                    appIn = ByteBuffer.allocate(needed).flip();
                    return unwrapOnce(handshaking);
                }
                default -> {
                    return result;
                }
            }
        } finally {
            netIn.compact();
        }
    }

    /** A record larger than netIn: allowed once, up to the session's packet size; never beyond. */
    private void growNetInIfFull() throws TlsProtocolException {
        if (netIn.limit() < netIn.capacity()) {
            return; // room left: the rest of the record is still to come
        }
        int needed = engine.getSession().getPacketBufferSize();
        if (netIn.capacity() >= needed) {
            throw new TlsProtocolException(TlsFailure.BAD_RECORD, "a record larger than TLS allows", null);
        }
        ByteBuffer larger = ByteBuffer.allocate(needed);
        larger.put(netIn);
        larger.flip();
        netIn = larger;
    }

    /** Reads more records' bytes into netIn: what the transport returned. */
    private int fill() throws IOException {
        if (!netIn.hasRemaining()) {
            throw new TlsProtocolException(TlsFailure.BAD_RECORD, "a record larger than TLS allows", null);
        }
        return transport.read(netIn);
    }

    private SSLEngineResult wrapInto(ByteBuffer source, boolean handshaking) throws IOException {
        netOut.compact();
        SSLEngineResult result;
        try {
            result = engine.wrap(source, netOut);
        } catch (SSLException e) {
            throw TlsFailures.classify(e, handshaking || !handshakeDone);
        } finally {
            netOut.flip();
        }
        switch (result.getStatus()) {
            case BUFFER_OVERFLOW -> {
                int needed = engine.getSession().getPacketBufferSize() + netOut.remaining();
                if (netOut.capacity() >= needed) {
                    throw new SSLException("the engine wants more room than a TLS record takes");
                }
                ByteBuffer larger = ByteBuffer.allocate(needed);
                larger.put(netOut).flip();
                netOut = larger;
                return wrapInto(source, handshaking);
            }
            case CLOSED -> {
                if (source.hasRemaining()) {
                    throw new SSLException("TLS is closed for writing (close_notify was sent or received)");
                }
                return result;
            }
            default -> {
                if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                    runTasks();
                }
                return result;
            }
        }
    }

    /** Sends netOut: true once it is empty. */
    private boolean flushNow() throws IOException {
        while (netOut.hasRemaining()) {
            if (transport.write(netOut) == 0) {
                return false;
            }
        }
        return true;
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run(); // certificate checks: brief, and run where the caller runs
        }
    }

    private int drainTo(ByteBuffer destination) {
        int n = Math.min(appIn.remaining(), destination.remaining());
        destination.put(destination.position(), appIn, appIn.position(), n);
        destination.position(destination.position() + n);
        appIn.position(appIn.position() + n);
        return n;
    }

    private boolean isTls13() {
        return "TLSv1.3".equals(engine.getSession().getProtocol());
    }

    /** The application protocol ALPN chose; empty when none was. */
    String applicationProtocol() {
        String chosen = engine.getApplicationProtocol();
        return chosen == null ? "" : chosen;
    }

    /** For messages: the engine's enabled protocols. */
    List<String> enabledProtocols() {
        return List.of(engine.getEnabledProtocols());
    }
}
