package dev.conduit.net;

import dev.conduit.net.sys.Posix;
import dev.conduit.net.sys.SocketErrors;
import dev.conduit.net.sys.Sys;
import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A socket, on the platform's own system calls through the FFM API. Works on every supported
 * variant ({@link Platform#supported()}); each method names the call it makes and where it works.
 *
 * <p>Safe defaults, set when the descriptor is created: close-on-exec ({@code SOCK_CLOEXEC} on
 * Linux, {@code fcntl(F_SETFD, FD_CLOEXEC)} elsewhere) and no {@code SIGPIPE} ({@code MSG_NOSIGNAL}
 * on every send on Linux, {@code SO_NOSIGPIPE} on the socket on macOS): writing to a connection
 * the peer has closed throws, it never kills the process.
 *
 * <p>Hosts are IPv4 literals such as {@code "127.0.0.1"}; anything else throws
 * {@link java.net.UnknownHostException} (name resolution and IPv6 come later). Ports are 0..65535.
 * Calls block the calling thread (a virtual thread pins its carrier while blocked: use platform
 * threads until non-blocking I/O lands). {@link Thread#interrupt()} does not wake a blocked call;
 * {@link #close()} does.
 *
 * <p>A socket may be used by several threads. {@link #close()} from any thread makes every later
 * call throw {@link SocketClosedException}, and wakes calls blocked in {@link #recv}, the reads and
 * writes, and (on Linux) {@link #accept()}, which then throw it too; the descriptor is released once
 * the last of them has returned. A socket that becomes unreachable unclosed is closed by a
 * {@link Cleaner}; do not rely on it.
 */
public final class Socket implements AutoCloseable {

    /**
     * Heap arrays, buffers and segments cross to the kernel through native scratch memory of at
     * most this size per call, so a huge heap buffer costs no huge (zero-filled) allocation per
     * call. Callers handle short counts anyway. Native memory is passed as it is, at any size.
     */
    private static final int MAX_HEAP_COPY = 1024 * 1024;

    private static final int MAX_PORT = 0xFFFF;
    private static final int NO_FLAGS = 0;

    private static final Cleaner CLEANER = Cleaner.create();

    private final Posix posix;
    private final SocketType type;
    private final SocketFd fd;
    private final int sendFlags;
    private final Cleaner.Cleanable cleanable;

    private Socket(Posix posix, SocketType type, int fd) {
        this.posix = posix;
        this.type = type;
        this.fd = new SocketFd(posix, fd);
        this.sendFlags = posix.msgNoSignal().orElse(NO_FLAGS);
        this.cleanable = CLEANER.register(this, closer(this.fd));
    }

    /**
     * An IPv4 TCP socket: {@code open(INET, STREAM, DEFAULT)}.
     *
     * @throws UnsupportedPlatformException when Conduit has no implementation for this platform
     */
    public static Socket open() throws IOException {
        return open(SocketFamily.INET, SocketType.STREAM, SocketProtocol.DEFAULT);
    }

    /**
     * A new socket: {@code socket(2)}, close-on-exec and without {@code SIGPIPE} (see the class
     * description). All platforms.
     *
     * @throws UnsupportedPlatformException when Conduit has no implementation for this platform
     * @throws ErrnoException e.g. {@code EPROTONOSUPPORT} for {@code STREAM} with {@code UDP}
     */
    public static Socket open(SocketFamily family, SocketType type, SocketProtocol protocol) throws IOException {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(protocol, "protocol");
        Posix posix = Sys.posix();
        int flags = posix.sockCloexec().orElse(NO_FLAGS); // where it exists, CLOEXEC is atomic with socket()
        int fd = posix.socket(family.value(posix), type.value(posix) | flags, protocol.value(posix));
        return adopt(posix, type, fd);
    }

    /**
     * Binds to a local address: {@code bind(2)}. Port 0 picks a free ephemeral port (see
     * {@link #localAddress()}). All platforms.
     *
     * @throws java.net.UnknownHostException when {@code host} is not an IPv4 literal
     * @throws java.net.BindException when the address is in use or not local
     */
    public void bind(String host, int port) throws IOException {
        byte[] address = Ipv4Literal.parse(host);
        checkPort(port);
        runWithFd(fd -> withAddress(host, address, port, (sockaddr, length) -> posix.bind(fd, sockaddr, length)));
    }

    /**
     * Accepts connections, with up to {@code backlog} waiting to be accepted: {@code listen(2)}.
     * The kernel caps the backlog at its own maximum. All platforms.
     */
    public void listen(int backlog) throws IOException {
        if (backlog < 0) {
            throw new IllegalArgumentException("backlog must not be negative: " + backlog);
        }
        runWithFd(fd -> posix.listen(fd, backlog));
    }

    /** {@link #listen(int)} with the platform's {@code SOMAXCONN}, the largest backlog it promises. All platforms. */
    public void listen() throws IOException {
        listen(posix.somaxconn());
    }

    /**
     * Waits for and returns the next connection: {@code accept4(SOCK_CLOEXEC)} on Linux,
     * {@code accept(2)} then {@code fcntl(F_SETFD, FD_CLOEXEC)} and {@code SO_NOSIGPIPE} on macOS.
     * All platforms; {@link #close()} from another thread wakes it on Linux only, for now.
     */
    public Socket accept() throws IOException {
        OptionalInt cloexec = posix.sockCloexec();
        // The peer's address is not asked for here: remoteAddress() reads it when wanted.
        int accepted = callWithFd(fd -> cloexec.isPresent()
                ? posix.accept4(fd, MemorySegment.NULL, MemorySegment.NULL, cloexec.getAsInt())
                : posix.accept(fd, MemorySegment.NULL, MemorySegment.NULL));
        return adopt(posix, type, accepted);
    }

    /**
     * Connects to a remote address, blocking until connected: {@code connect(2)}. All platforms.
     *
     * @throws java.net.UnknownHostException when {@code host} is not an IPv4 literal
     * @throws java.net.ConnectException when refused (nothing listens there) or timed out
     * @throws java.net.NoRouteToHostException when the host or network is unreachable
     */
    public void connect(String host, int port) throws IOException {
        byte[] address = Ipv4Literal.parse(host);
        checkPort(port);
        runWithFd(fd -> withAddress(host, address, port, (sockaddr, length) -> posix.connect(fd, sockaddr, length)));
    }

    /**
     * Receives what has arrived, at least one byte and at most {@code maxBytes} (and at most
     * 1 MiB per call), waiting until something does: {@code recv(2)}. All platforms.
     *
     * @return the bytes; empty when {@code maxBytes} is 0, or for an empty datagram
     * @throws EOFException when the peer has closed or half-closed a stream
     * @throws IllegalArgumentException when {@code maxBytes} is negative
     */
    public byte[] recv(int maxBytes) throws IOException {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
        }
        if (maxBytes == 0) {
            fd.ensureOpen(); // recv(2) of 0 bytes would look like end of stream, or drop a datagram
            return new byte[0];
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(Math.min(maxBytes, MAX_HEAP_COPY));
            long received = receive(buffer);
            if (received == 0 && type == SocketType.STREAM) {
                throw new EOFException("recv: the peer closed the connection");
            }
            return buffer.asSlice(0, received).toArray(ValueLayout.JAVA_BYTE);
        }
    }

    /**
     * Sends what fits now, at least one byte of a non-empty array (and at most 1 MiB per call):
     * {@code send(2)}. All platforms. See {@link #sendAll(byte[])} to send everything.
     *
     * @return the number of bytes sent
     * @throws ErrnoException e.g. {@code EPIPE} when the connection is closed for writing
     * @throws ConnectionResetException when the peer has reset the connection
     */
    public int send(byte[] data) throws IOException {
        Objects.requireNonNull(data, "data");
        return (int) write(MemorySegment.ofArray(data));
    }

    /** Sends all of {@code data}, calling {@link #send(byte[])} as often as needed. All platforms. */
    public void sendAll(byte[] data) throws IOException {
        Objects.requireNonNull(data, "data");
        MemorySegment rest = MemorySegment.ofArray(data);
        do { // at least once, so an empty array still fails on a closed socket
            rest = rest.asSlice(write(rest));
        } while (rest.byteSize() > 0);
    }

    /**
     * Reads into {@code destination} from its position, which advances: {@code recv(2)}, straight
     * into a direct buffer, through native scratch memory (up to 1 MiB) for a heap buffer. All
     * platforms.
     *
     * @return the bytes read; 0 when nothing remains in {@code destination}; -1 at end of stream
     * @throws IllegalArgumentException when {@code destination} is read-only
     */
    public int read(ByteBuffer destination) throws IOException {
        Objects.requireNonNull(destination, "destination");
        int read = (int) read(MemorySegment.ofBuffer(destination));
        if (read > 0) {
            destination.position(destination.position() + read);
        }
        return read;
    }

    /**
     * Writes from {@code source}'s position, which advances by what was sent: {@code send(2)},
     * straight from a direct buffer, through native scratch memory (up to 1 MiB) for a heap buffer.
     * All platforms.
     *
     * @return the bytes written, at least one unless nothing remains in {@code source}
     */
    public int write(ByteBuffer source) throws IOException {
        Objects.requireNonNull(source, "source");
        int written = (int) write(MemorySegment.ofBuffer(source));
        source.position(source.position() + written);
        return written;
    }

    /**
     * Reads into the start of {@code destination}: {@code recv(2)}, straight into native memory,
     * through native scratch memory (up to 1 MiB) for a heap segment. All platforms.
     *
     * @return the bytes read; 0 when {@code destination} is empty; -1 at end of stream
     * @throws IllegalArgumentException when {@code destination} is read-only
     */
    public long read(MemorySegment destination) throws IOException {
        Objects.requireNonNull(destination, "destination");
        if (destination.isReadOnly()) {
            throw new IllegalArgumentException("destination is read-only");
        }
        if (destination.byteSize() == 0) {
            fd.ensureOpen();
            return 0;
        }
        long received;
        if (destination.isNative()) {
            received = receive(destination);
        } else {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment scratch = arena.allocate(Math.min(destination.byteSize(), MAX_HEAP_COPY));
                received = receive(scratch);
                MemorySegment.copy(scratch, 0, destination, 0, received);
            }
        }
        return received == 0 && type == SocketType.STREAM ? -1 : received;
    }

    /**
     * Writes from the start of {@code source}: {@code send(2)}, straight from native memory,
     * through native scratch memory (up to 1 MiB) for a heap segment. All platforms.
     *
     * @return the bytes written, at least one unless {@code source} is empty
     */
    public long write(MemorySegment source) throws IOException {
        Objects.requireNonNull(source, "source");
        if (source.isNative()) {
            return transmit(source);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment chunk = source.asSlice(0, Math.min(source.byteSize(), MAX_HEAP_COPY));
            return transmit(arena.allocate(chunk.byteSize()).copyFrom(chunk));
        }
    }

    /**
     * Half-closes: sends end of stream to the peer, which can still send back; {@code shutdown(SHUT_WR)}.
     * All platforms.
     */
    public void shutdownOutput() throws IOException {
        runWithFd(fd -> posix.shutdown(fd, posix.shutWr()));
    }

    /** Stops receiving: later reads see end of stream; {@code shutdown(SHUT_RD)}. All platforms. */
    public void shutdownInput() throws IOException {
        runWithFd(fd -> posix.shutdown(fd, posix.shutRd()));
    }

    /** The address this socket is bound to, with the real port after binding to 0: {@code getsockname(2)}. All platforms. */
    public InetSocketAddress localAddress() throws IOException {
        return queryAddress(posix::getsockname);
    }

    /**
     * The address of the connected peer: {@code getpeername(2)}. All platforms.
     *
     * @throws ErrnoException {@code ENOTCONN} when not connected
     */
    public InetSocketAddress remoteAddress() throws IOException {
        return queryAddress(posix::getpeername);
    }

    /**
     * Lets {@link #bind} reuse a local address whose previous connection lingers in TIME_WAIT;
     * set it before binding: {@code setsockopt(SOL_SOCKET, SO_REUSEADDR)}. All platforms.
     */
    public void setReuseAddress(boolean on) throws IOException {
        runWithFd(fd -> posix.setReuseAddress(fd, on));
    }

    /** {@code getsockopt(SOL_SOCKET, SO_REUSEADDR)}. All platforms. */
    public boolean reuseAddress() throws IOException {
        return callWithFd(posix::reuseAddress);
    }

    /** Sends small writes at once instead of coalescing them (Nagle off): {@code setsockopt(IPPROTO_TCP, TCP_NODELAY)}. All platforms, TCP only. */
    public void setTcpNoDelay(boolean on) throws IOException {
        runWithFd(fd -> posix.setTcpNoDelay(fd, on));
    }

    /** {@code getsockopt(IPPROTO_TCP, TCP_NODELAY)}. All platforms, TCP only. */
    public boolean tcpNoDelay() throws IOException {
        return callWithFd(posix::tcpNoDelay);
    }

    /**
     * Closes the socket: {@code close(2)}, at once, or when the calls other threads have blocked
     * in it return, after {@code shutdown(SHUT_RDWR)} woke them. Later calls, and calls it woke,
     * throw {@link SocketClosedException}. Idempotent. All platforms.
     *
     * @throws IOException when {@code close(2)} reports an error; the descriptor is released anyway
     */
    @Override
    public void close() throws IOException {
        try {
            fd.close();
        } finally {
            cleanable.clean(); // deregisters; its action finds the descriptor closed already
        }
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return fd.isClosed();
    }

    /** The descriptor's number, for tests in this package; meaningless once closed. */
    int fdNumber() {
        return fd.number();
    }

    // --- internals -------------------------------------------------------------------------------

    /** Wraps a new descriptor after giving it the defaults the platform could not set atomically. */
    private static Socket adopt(Posix posix, SocketType type, int fd) throws IOException {
        try {
            if (posix.sockCloexec().isEmpty()) {
                posix.fcntl(fd, posix.fSetfd(), posix.fdCloexec());
            }
            if (posix.msgNoSignal().isEmpty()) {
                posix.setNoSigpipe(fd, true); // no per-send flag on this platform: opt out per socket
            }
            return new Socket(posix, type, fd);
        } catch (Throwable failure) {
            try {
                posix.close(fd);
            } catch (IOException closeFailure) {
                failure.addSuppressed(closeFailure);
            }
            throw failure;
        }
    }

    /** The Cleaner's action; static, so it cannot capture the Socket and keep it reachable. */
    private static Runnable closer(SocketFd fd) {
        return () -> {
            try {
                fd.close();
            } catch (IOException ignored) {
                // nobody to report to; the descriptor is released anyway
            }
        };
    }

    private static void checkPort(int port) {
        if (port < 0 || port > MAX_PORT) {
            throw new IllegalArgumentException("port out of range 0.." + MAX_PORT + ": " + port);
        }
    }

    /** {@code recv(2)} into native memory; 0 is end of stream, or an empty datagram. */
    private long receive(MemorySegment buffer) throws IOException {
        long received = callWithFd(fd -> posix.recv(fd, buffer, buffer.byteSize(), NO_FLAGS));
        if (received == 0 && fd.isClosed()) {
            throw new SocketClosedException(); // close() woke us with shutdown; the peer did not end the stream
        }
        return received;
    }

    /** {@code send(2)} from native memory. */
    private long transmit(MemorySegment data) throws IOException {
        return callWithFd(fd -> posix.send(fd, data, data.byteSize(), sendFlags));
    }

    /** Runs {@code call} with the IPv4 socket address in scratch memory; failures name the address. */
    private void withAddress(String host, byte[] address, int port, AddressCall call) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sockaddr = allocateSockaddr(arena);
            int length = posix.encodeInet4(sockaddr, address, port);
            call.apply(sockaddr, length);
        } catch (IOException failure) {
            throw SocketErrors.withContext(failure, host + ":" + port);
        }
    }

    private InetSocketAddress queryAddress(NameCall call) throws IOException {
        return callWithFd(fd -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment sockaddr = allocateSockaddr(arena);
                MemorySegment length = arena.allocateFrom(posix.socklenLayout(), (int) sockaddr.byteSize());
                call.apply(fd, sockaddr, length);
                return posix.decodeSockaddr(sockaddr);
            }
        });
    }

    /** Room for any socket address: a {@code sockaddr_storage}, at its size and alignment on this variant. */
    private MemorySegment allocateSockaddr(Arena arena) {
        return arena.allocate(posix.sockaddrStorageLayout());
    }

    private <T> T callWithFd(SocketFd.Call<T> call) throws IOException {
        try {
            return fd.use(call);
        } finally {
            Reference.reachabilityFence(this); // the Cleaner must not close the fd under a running call
        }
    }

    private void runWithFd(FdAction action) throws IOException {
        callWithFd(fd -> {
            action.apply(fd);
            return null;
        });
    }

    @FunctionalInterface
    private interface FdAction {
        void apply(int fd) throws IOException;
    }

    @FunctionalInterface
    private interface AddressCall {
        void apply(MemorySegment sockaddr, int length) throws IOException;
    }

    @FunctionalInterface
    private interface NameCall {
        void apply(int fd, MemorySegment sockaddr, MemorySegment length) throws IOException;
    }
}
