package dev.conduit.net.tls;

import dev.conduit.net.ConduitSocketOptions;
import dev.conduit.net.StreamConnection;
import dev.conduit.net.TcpStream;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * TLS over a connected, blocking Conduit {@link StreamConnection} ({@link TcpStream} or
 * {@link dev.conduit.net.UnixStream}), on the JDK's {@link javax.net.ssl.SSLEngine}: Conduit writes
 * no cryptography. Reads and writes block as the connection's do, so on a virtual thread they park
 * and never pin a carrier. One reader and one writer may run at once, as on the plain connection;
 * readers are serialized with each other, and so are writers.
 *
 * <p>The handshake runs on first use, or at {@link #handshake()}, bounded by
 * {@link TlsConfig#handshakeTimeout()} (the connection is closed when it passes). A failed
 * handshake closes the connection and throws a {@link TlsHandshakeException} with its
 * {@link TlsFailure reason}; later failures are {@link TlsProtocolException}s, and close the
 * connection too.
 *
 * <p>Closing: {@link #shutdownOutput()} sends close_notify (and a TCP FIN). Under TLS 1.3 the two
 * directions close independently, so after it the peer may go on sending and this side go on
 * reading until the peer's close_notify ({@code read} returns -1); under TLS 1.2 the peer answers
 * with its own close_notify and sends nothing more. A connection ending without close_notify is
 * {@link TlsFailure#TRUNCATED}, never a quiet end of stream. {@link #close()} sends close_notify if
 * it has not been sent, then closes the connection. All platforms.
 */
public final class TlsStream implements AutoCloseable {

    /** How long {@link #close()} waits at most to send close_notify to a peer that does not read. */
    private static final Duration CLOSE_NOTIFY_TIMEOUT = Duration.ofSeconds(2);

    private final StreamConnection connection;
    private final TlsConfig config;
    private final TlsEngineCore core;
    /** Held for the handshake, which uses both directions; reads and writes wait for it to be done. */
    private final ReentrantLock handshakeLock = new ReentrantLock();
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long handshakeStartMillis;
    private volatile boolean outputShut;

    private TlsStream(StreamConnection connection, TlsConfig config, String peerHost, int peerPort) throws IOException {
        this.connection = connection;
        this.config = config;
        if (!connection.socket().isBlocking()) {
            throw new IllegalArgumentException("the connection is in non-blocking mode: use TlsDriver with a Poller");
        }
        if (connection instanceof TcpStream) {
            // a TLS 1.3 server sends tickets and its first data as separate small records: Nagle and
            // delayed ACKs would hold each back by ~40 ms
            connection.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
        this.core = new TlsEngineCore(config.newEngine(peerHost, peerPort), new Transport() {
            @Override
            public int read(ByteBuffer destination) throws IOException {
                return connection.read(destination);
            }

            @Override
            public int write(ByteBuffer source) throws IOException {
                return connection.write(source);
            }
        });
    }

    /**
     * The client side of TLS over {@code connection} to {@code host}: the name the server's
     * certificate must match (unless hostname verification is off), sent as SNI when it is a DNS
     * name, and with the port the key under which sessions are kept for resumption. No I/O yet.
     *
     * @throws IllegalArgumentException when {@code config} is a server's, or the connection is non-blocking
     */
    public static TlsStream client(StreamConnection connection, TlsConfig config, String host) throws IOException {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(host, "host");
        if (!config.isClient()) {
            throw new IllegalArgumentException("a server's TlsConfig for a client: use TlsConfig.client");
        }
        int port = connection instanceof TcpStream tcp ? tcp.remoteAddress().getPort() : -1;
        return new TlsStream(connection, config, host, port);
    }

    /**
     * The server side of TLS over {@code connection} (accepted from a listener). No I/O yet.
     *
     * @throws IllegalArgumentException when {@code config} is a client's, or the connection is non-blocking
     */
    public static TlsStream server(StreamConnection connection, TlsConfig config) throws IOException {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(config, "config");
        if (config.isClient()) {
            throw new IllegalArgumentException("a client's TlsConfig for a server: use TlsConfig.server");
        }
        return new TlsStream(connection, config, null, -1);
    }

    /**
     * Runs the handshake now, if it has not run; it otherwise runs on first read or write.
     *
     * @throws TlsHandshakeException when it fails or times out; the connection is then closed
     */
    public void handshake() throws IOException {
        if (core.handshakeDone()) {
            return;
        }
        handshakeLock.lock(); // not the read and write locks: a reader may wait in read() once it is done
        try {
            if (!core.handshakeDone()) {
                runHandshake();
            }
        } finally {
            handshakeLock.unlock();
        }
    }

    private void runHandshake() throws IOException {
        ensureOpen();
        handshakeStartMillis = System.currentTimeMillis();
        HandshakeTimer timer = HandshakeTimer.start(config.handshakeTimeout(), this::closeQuietly);
        try {
            if (core.handshake() != 0) {
                throw new IllegalStateException("a blocking connection returned without data");
            }
        } catch (IOException | RuntimeException failure) {
            boolean expired = !timer.finish();
            sendAlertAndClose();
            if (expired) {
                throw TlsFailures.handshakeTimeout(config.handshakeTimeout());
            }
            if (failure instanceof SSLException) {
                throw failure;
            }
            if (failure instanceof IOException) {
                throw new TlsHandshakeException(TlsFailure.CLOSED_DURING_HANDSHAKE, failure.toString(), failure);
            }
            throw failure;
        }
        if (!timer.finish()) {
            closeQuietly();
            throw TlsFailures.handshakeTimeout(config.handshakeTimeout());
        }
    }

    /**
     * Reads application data into {@code destination[offset .. offset + length)}, waiting until
     * some arrives: the bytes read, 0 only when {@code length} is 0, -1 once the peer's close_notify
     * has come. Session tickets and key updates are handled on the way.
     *
     * @throws TlsProtocolException when the connection ends without close_notify
     *     ({@link TlsFailure#TRUNCATED}), a record is bad, or the peer asks to renegotiate
     */
    public int read(byte[] destination, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, Objects.requireNonNull(destination, "destination").length);
        return read(ByteBuffer.wrap(destination, offset, length));
    }

    /** {@link #read(byte[], int, int)} into the whole array. */
    public int read(byte[] destination) throws IOException {
        return read(destination, 0, destination.length);
    }

    /** {@link #read(byte[], int, int)} into {@code destination} from its position, which advances. */
    public int read(ByteBuffer destination) throws IOException {
        Objects.requireNonNull(destination, "destination");
        handshake();
        if (!destination.hasRemaining()) {
            return 0;
        }
        readLock.lock();
        try {
            while (true) {
                ensureOpen();
                int result = core.read(destination);
                if (result == TlsEngineCore.NEEDS_WRAP) {
                    writeLock.lock();
                    try {
                        core.wrapPending();
                    } finally {
                        writeLock.unlock();
                    }
                    continue;
                }
                if (result == TlsEngineCore.WANT_READ || result == TlsEngineCore.WANT_WRITE) {
                    throw new IllegalStateException("the connection was made non-blocking under a TlsStream");
                }
                return result;
            }
        } catch (SSLException failure) {
            closeQuietly();
            throw failure;
        } finally {
            readLock.unlock();
        }
    }

    /** Bytes that a {@link #read} returns without waiting (already decrypted). */
    public int available() {
        return core.available();
    }

    /**
     * Writes all of {@code source[offset .. offset + length)}, encrypted in records of at most
     * 16 KiB, as one unit with respect to other writers.
     *
     * @throws SSLException when this side or (TLS 1.2) the peer has closed TLS
     */
    public void writeAll(byte[] source, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, Objects.requireNonNull(source, "source").length);
        write(ByteBuffer.wrap(source, offset, length));
    }

    /** {@link #writeAll(byte[], int, int)} of the whole array. */
    public void writeAll(byte[] source) throws IOException {
        writeAll(source, 0, source.length);
    }

    /** Writes all of {@code source} from its position, which advances to its limit; see {@link #writeAll(byte[], int, int)}. */
    public void write(ByteBuffer source) throws IOException {
        Objects.requireNonNull(source, "source");
        handshake();
        writeLock.lock();
        try {
            ensureOpen();
            if (outputShut) {
                throw new SSLException("TLS output is shut down (close_notify was sent)");
            }
            do {
                int taken = core.write(source);
                if (taken == TlsEngineCore.WANT_WRITE) {
                    throw new IllegalStateException("the connection was made non-blocking under a TlsStream");
                }
            } while (source.hasRemaining());
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Half-closes: sends close_notify, then shuts the connection's output (TCP FIN). Under TLS 1.3
     * this side may go on reading what the peer still sends; see the class documentation. Idempotent.
     */
    public void shutdownOutput() throws IOException {
        handshake();
        writeLock.lock();
        try {
            ensureOpen();
            if (outputShut) {
                return;
            }
            outputShut = true;
            core.closeOutbound();
            core.flush();
            try {
                connection.shutdownOutput();
            } catch (dev.conduit.net.ErrnoException peerGone) {
                // ENOTCONN: the peer closed first (TLS 1.2 after its close_notify); ours is sent
            }
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Sends close_notify if it was not sent (waiting at most 2 s for room, and not at all while a
     * writer holds the connection), then closes the connection. The peer's close_notify is not
     * waited for. Idempotent.
     */
    @Override
    public void close() throws IOException {
        if (closed.getAndSet(true)) {
            return;
        }
        try {
            if (core.handshakeDone() && !outputShut && writeLock.tryLock()) {
                try {
                    outputShut = true;
                    connection.setOption(ConduitSocketOptions.SO_SNDTIMEO, CLOSE_NOTIFY_TIMEOUT);
                    core.closeOutbound();
                    core.flush();
                } catch (IOException ignored) {
                    // the peer is gone or not reading: it learns of the close from TCP
                } finally {
                    writeLock.unlock();
                }
            }
        } finally {
            connection.close();
        }
    }

    /** Whether {@link #close()} was called or a failure closed the connection. */
    public boolean isClosed() {
        return closed.get() || connection.isClosed();
    }

    /** The negotiated session (protocol, cipher suite, peer certificates); handshakes first. */
    public SSLSession session() throws IOException {
        handshake();
        return core.engine().getSession();
    }

    /** The protocol version negotiated, {@code "TLSv1.3"} or {@code "TLSv1.2"}; handshakes first. */
    public String protocol() throws IOException {
        return session().getProtocol();
    }

    /** The cipher suite negotiated, e.g. {@code TLS_AES_256_GCM_SHA384}; handshakes first. */
    public String cipherSuite() throws IOException {
        return session().getCipherSuite();
    }

    /** The application protocol ALPN chose; empty when none was. Handshakes first. */
    public String applicationProtocol() throws IOException {
        handshake();
        return core.applicationProtocol();
    }

    /** The peer's certificate chain, its own first; empty when it sent none (a client without one). */
    public List<Certificate> peerCertificates() throws IOException {
        try {
            return List.of(session().getPeerCertificates());
        } catch (SSLPeerUnverifiedException none) {
            return List.of();
        }
    }

    /**
     * Whether this handshake resumed an earlier session (a TLS 1.3 ticket, or a TLS 1.2 session
     * id) instead of a full handshake with certificates; handshakes first. A client resumes when it
     * connects again with the same {@link TlsConfig}'s context to the same host and port.
     */
    public boolean resumed() throws IOException {
        return session().getCreationTime() < handshakeStartMillis;
    }

    /** The connection underneath. */
    public StreamConnection connection() {
        return connection;
    }

    /** The configuration this stream was made with. */
    public TlsConfig config() {
        return config;
    }

    /** Reads as an {@link java.io.InputStream}; closing it closes this stream. */
    public java.io.InputStream inputStream() {
        return new TlsInput(this);
    }

    /** Writes as an {@link java.io.OutputStream}, each call sent whole; closing it closes this stream. */
    public java.io.OutputStream outputStream() {
        return new TlsOutput(this);
    }

    /** This stream as a {@link java.nio.channels.ByteChannel}; closing it closes this stream. */
    public java.nio.channels.ByteChannel channel() {
        return new TlsChannel(this);
    }

    private void ensureOpen() throws IOException {
        if (closed.get()) {
            throw new dev.conduit.net.SocketClosedException();
        }
    }

    /** A failed handshake: the engine's alert goes out if it can without waiting, then the connection closes. */
    private void sendAlertAndClose() {
        if (!connection.isClosed()) {
            try {
                connection.setOption(ConduitSocketOptions.SO_SNDTIMEO, CLOSE_NOTIFY_TIMEOUT);
                core.wrapPending();
            } catch (IOException | RuntimeException ignored) {
                // the alert is a courtesy; the close below is what counts
            }
        }
        closeQuietly();
    }

    private void closeQuietly() {
        closed.set(true);
        try {
            connection.close();
        } catch (IOException ignored) {
            // released anyway
        }
    }

    @Override
    public String toString() {
        return "TlsStream[" + connection + "]";
    }
}
