package dev.conduit.net.tls;

import dev.conduit.net.NativeSocket;
import dev.conduit.net.Poller;
import dev.conduit.net.SocketType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * TLS over a non-blocking socket in an event loop ({@link Poller}), on the JDK's
 * {@link javax.net.ssl.SSLEngine}, in the want-read/want-write style: each call does what it can
 * now and returns {@link #WANT_READ} or {@link #WANT_WRITE} when it must wait; register the socket
 * for {@link #interest()} and call again once it is ready. One thread uses a driver at a time.
 *
 * <p>The handshake runs in {@link #handshake()} (or the first {@link #read}/{@link #write}); the
 * loop enforces the timeout: {@link #handshakeExpired(long)} says when it has passed (every call
 * checks it too and then fails with {@link TlsFailure#HANDSHAKE_TIMEOUT}). Delegated tasks
 * (certificate checks) run in the calling thread. Failures are {@link TlsHandshakeException}s and
 * {@link TlsProtocolException}s, as for {@link TlsStream}; after one, close the driver. Closing
 * and half-close are as {@link TlsStream} documents. All platforms.
 */
public final class TlsDriver implements AutoCloseable {

    /** The call must wait until the socket is readable: register for {@link Poller#READ}. */
    public static final int WANT_READ = TlsEngineCore.WANT_READ;
    /** The call must wait until the socket is writable: register for {@link Poller#WRITE}. */
    public static final int WANT_WRITE = TlsEngineCore.WANT_WRITE;
    /** {@link #read} once the peer's close_notify has come. */
    public static final int END = TlsEngineCore.END;

    private final NativeSocket socket;
    private final TlsConfig config;
    private final TlsEngineCore core;
    private final long handshakeDeadline;
    private long handshakeStartMillis;
    private int interest = Poller.READ;
    private boolean outputShut;

    private TlsDriver(NativeSocket socket, TlsConfig config, String peerHost, int peerPort) throws IOException {
        if (socket.isBlocking()) {
            throw new IllegalArgumentException("the socket is in blocking mode: call setBlocking(false), or use TlsStream");
        }
        if (socket.type() != SocketType.STREAM) {
            throw new IllegalArgumentException("TLS needs a stream socket, not " + socket.type());
        }
        this.socket = socket;
        this.config = config;
        if (socket.localAddress() instanceof InetSocketAddress) {
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true); // see TlsStream: small records must not wait
        }
        this.core = new TlsEngineCore(config.newEngine(peerHost, peerPort), new Transport() {
            @Override
            public int read(ByteBuffer destination) throws IOException {
                int n = socket.read(destination);
                return n; // 0: would block; -1: end of stream
            }

            @Override
            public int write(ByteBuffer source) throws IOException {
                return socket.write(source);
            }
        });
        long timeout = config.handshakeTimeout().toNanos();
        this.handshakeDeadline = timeout == 0 ? Long.MAX_VALUE : System.nanoTime() + timeout;
    }

    /**
     * The client side over {@code socket}, connected and non-blocking, to {@code host} (verified,
     * sent as SNI) and {@code port} (with the host, the key sessions are resumed by). The handshake
     * timeout starts now.
     */
    public static TlsDriver client(NativeSocket socket, TlsConfig config, String host, int port) throws IOException {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(host, "host");
        if (!Objects.requireNonNull(config, "config").isClient()) {
            throw new IllegalArgumentException("a server's TlsConfig for a client: use TlsConfig.client");
        }
        return new TlsDriver(socket, config, host, port);
    }

    /** The server side over {@code socket}, accepted and non-blocking. The handshake timeout starts now. */
    public static TlsDriver server(NativeSocket socket, TlsConfig config) throws IOException {
        Objects.requireNonNull(socket, "socket");
        if (Objects.requireNonNull(config, "config").isClient()) {
            throw new IllegalArgumentException("a client's TlsConfig for a server: use TlsConfig.server");
        }
        return new TlsDriver(socket, config, null, -1);
    }

    /** Moves the handshake on: 0 once done, else {@link #WANT_READ} or {@link #WANT_WRITE}. */
    public int handshake() throws IOException {
        if (core.handshakeDone()) {
            return 0;
        }
        if (handshakeStartMillis == 0) {
            handshakeStartMillis = System.currentTimeMillis();
        }
        if (handshakeExpired(System.nanoTime())) {
            throw TlsFailures.handshakeTimeout(config.handshakeTimeout());
        }
        int result;
        try {
            result = core.handshake();
        } catch (SSLException failure) {
            sendAlert();
            throw failure;
        } catch (IOException failure) {
            throw new TlsHandshakeException(TlsFailure.CLOSED_DURING_HANDSHAKE, failure.toString(), failure);
        }
        return waitingFor(result);
    }

    /** Whether the handshake is unfinished at {@code nowNanos} ({@link System#nanoTime()}) and its timeout has passed. */
    public boolean handshakeExpired(long nowNanos) {
        return !core.handshakeDone() && nowNanos - handshakeDeadline > 0;
    }

    /** When the handshake times out, in {@link System#nanoTime()} terms; {@link Long#MAX_VALUE} for never. */
    public long handshakeDeadline() {
        return handshakeDeadline;
    }

    /** Whether the handshake is done. */
    public boolean isHandshakeDone() {
        return core.handshakeDone();
    }

    /**
     * Reads application data: the bytes read (0 only when {@code destination} is full),
     * {@link #END} after the peer's close_notify, {@link #WANT_READ} or {@link #WANT_WRITE}.
     */
    public int read(ByteBuffer destination) throws IOException {
        int handshaking = handshake();
        if (handshaking != 0) {
            return handshaking;
        }
        if (core.hasPendingOutput() && !core.flush()) {
            return waitingFor(WANT_WRITE);
        }
        while (true) {
            int result = core.read(destination);
            if (result == TlsEngineCore.NEEDS_WRAP) {
                if (!core.wrapPending()) {
                    return waitingFor(WANT_WRITE);
                }
                continue;
            }
            return waitingFor(result);
        }
    }

    /** Decrypted bytes a {@link #read} returns without touching the socket. */
    public int available() {
        return core.available();
    }

    /**
     * Encrypts and sends from {@code source}, which advances by what was taken: the bytes taken
     * (records the socket had no room for are held, at most one, until {@link #flush}), or
     * {@link #WANT_READ}/{@link #WANT_WRITE} when nothing could be taken.
     */
    public int write(ByteBuffer source) throws IOException {
        int handshaking = handshake();
        if (handshaking != 0) {
            return handshaking;
        }
        if (outputShut) {
            throw new SSLException("TLS output is shut down (close_notify was sent)");
        }
        return waitingFor(core.write(source));
    }

    /** Sends held records: true once none is left, else wait for {@link Poller#WRITE}. */
    public boolean flush() throws IOException {
        boolean done = core.flush();
        interest = done ? Poller.READ : Poller.WRITE;
        return done;
    }

    /** Whether records wait to be sent ({@link #flush}). */
    public boolean hasPendingOutput() {
        return core.hasPendingOutput();
    }

    /**
     * Half-closes: wraps close_notify and sends it with a TCP FIN. True once both are sent; false
     * when the socket has no room: call again when it is writable. Idempotent.
     */
    public boolean shutdownOutput() throws IOException {
        if (!outputShut) {
            outputShut = true;
            core.closeOutbound();
        }
        if (!flush()) {
            return false;
        }
        try {
            socket.shutdownOutput();
        } catch (dev.conduit.net.ErrnoException peerGone) {
            // ENOTCONN: the peer closed first; close_notify is sent
        }
        return true;
    }

    /**
     * What to wait for after a call returned {@link #WANT_READ} or {@link #WANT_WRITE} (or
     * {@link #flush} false): {@link Poller#READ} or {@link Poller#WRITE}.
     */
    public int interest() {
        return interest;
    }

    /** Tries to send close_notify without waiting, then closes the socket. Idempotent. */
    @Override
    public void close() throws IOException {
        try {
            if (core.handshakeDone() && !outputShut) {
                outputShut = true;
                core.closeOutbound();
                core.flush();
            }
        } catch (IOException ignored) {
            // the peer learns of the close from TCP
        } finally {
            socket.close();
        }
    }

    /** The negotiated session; null until the handshake is done. */
    public SSLSession session() {
        return core.handshakeDone() ? core.engine().getSession() : null;
    }

    /** The application protocol ALPN chose; empty when none was (or before the handshake). */
    public String applicationProtocol() {
        return core.applicationProtocol();
    }

    /** The peer's certificate chain, its own first; empty when none (yet). */
    public List<Certificate> peerCertificates() {
        SSLSession session = session();
        try {
            return session == null ? List.of() : List.of(session.getPeerCertificates());
        } catch (SSLPeerUnverifiedException none) {
            return List.of();
        }
    }

    /** Whether the finished handshake resumed an earlier session; see {@link TlsStream#resumed()}. */
    public boolean resumed() {
        SSLSession session = session();
        return session != null && session.getCreationTime() < handshakeStartMillis;
    }

    /** The socket underneath. */
    public NativeSocket socket() {
        return socket;
    }

    private int waitingFor(int result) {
        if (result == WANT_READ) {
            interest = Poller.READ;
        } else if (result == WANT_WRITE) {
            interest = Poller.WRITE;
        }
        return result;
    }

    private void sendAlert() {
        try {
            core.wrapPending();
        } catch (IOException | RuntimeException ignored) {
            // a courtesy to the peer; the caller closes
        }
    }
}
