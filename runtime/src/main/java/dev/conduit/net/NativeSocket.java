package dev.conduit.net;

import dev.conduit.net.sys.ReadinessBackend;
import dev.conduit.net.sys.SenderCache;
import dev.conduit.net.sys.SocketSystem;
import dev.conduit.net.sys.Sys;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A socket of any family and type, each method one system call (its name is in the method's
 * documentation, with the platforms it works on). {@link TcpListener} and {@link TcpStream} are the
 * typed, safer faces for TCP; this is the portable raw layer beneath them, as Rust's socket2 is.
 *
 * <p>Safe defaults, set when the descriptor is created: close-on-exec ({@code SOCK_CLOEXEC} on
 * Linux, {@code fcntl(F_SETFD, FD_CLOEXEC)} elsewhere), no {@code SIGPIPE} ({@code MSG_NOSIGNAL} on
 * every send on Linux, {@code SO_NOSIGPIPE} on macOS), and IPv6 sockets that accept IPv4 too
 * ({@code IPV6_V6ONLY} off). Addresses are {@link InetSocketAddress}es, and for Unix sockets
 * {@link UnixDomainSocketAddress}es or {@link AbstractUnixAddress}es; an IPv4 address given to an
 * IPv6 socket is used as the IPv4-mapped {@code ::ffff:a.b.c.d}, and mapped addresses the kernel
 * reports come back as IPv4.
 *
 * <p>Calls wait until they can complete. A platform thread on a blocking descriptor waits in the
 * kernel; a virtual thread never does: the descriptor becomes non-blocking on its first use from
 * one, the call is tried, and the thread parks until a dedicated poller thread reports the socket
 * ready, so its carrier stays free. {@code accept} and {@code connect} always wait that way, on any
 * thread, so {@link #close()} ends them everywhere. An interrupt of a parked thread closes the socket
 * ({@link SocketClosedByInterruptException}, as the JDK's sockets on virtual threads); a platform
 * thread waiting in the kernel ignores interrupts, as {@link java.net.Socket} does. Several threads may
 * use one socket, but the calls are not serialized: two threads writing at once may interleave their
 * bytes ({@link TcpStream} serializes readers and writers). {@link #close()} from any thread makes
 * every later call throw {@link SocketClosedException} and ends every call waiting on the socket
 * with it; the descriptor is released once the last of them has returned. A
 * socket that becomes unreachable unclosed is closed by a {@link Cleaner}; do not rely on it.
 */
public final class NativeSocket implements AutoCloseable {

    /**
     * Heap arrays, buffers and segments cross to the kernel through native scratch memory of at
     * most this size per call (the JDK's bound for its cached temporary buffers), reused per socket
     * and direction, so heap I/O allocates nothing per call. Callers handle short counts anyway.
     * Native memory is passed as it is, at any size.
     */
    private static final int MAX_HEAP_COPY = 128 * 1024;

    private static final Cleaner CLEANER = Cleaner.create();

    /** What the "now" calls return when the call would block (the processor's SocketOp.WOULD_BLOCK). */
    private static final long WOULD_BLOCK = -2;

    /** Descriptors per message: Linux refuses more than 253 (SCM_MAX_FD) in one. */
    private static final int MAX_DESCRIPTORS = 253;

    private final SocketSystem system;
    private final SocketFamily family;
    private final SocketType type;
    private final SocketFd fd;
    private final Cleaner.Cleanable cleanable;
    /** Reused native memory per direction: nothing is allocated per read or write in steady state. */
    private final Scratch readScratch;
    private final Scratch writeScratch;
    /** The last datagram sender, decoded ({@link #receiveFrom}); guarded by holding readScratch. */
    private SenderCache senders;
    /** The caller chose non-blocking mode ({@link #setBlocking}): calls return instead of waiting. */
    private volatile boolean nonBlockingMode;
    /** The descriptor has O_NONBLOCK: in non-blocking mode, or since a virtual thread used it. */
    private volatile boolean descriptorNonBlocking;
    /** SO_RCVTIMEO and SO_SNDTIMEO as set through {@link #setOption}, for waits in Java. */
    private volatile long readTimeoutNanos;
    private volatile long writeTimeoutNanos;

    private NativeSocket(SocketSystem system, SocketFamily family, SocketType type, int fd) {
        this.system = system;
        this.family = family;
        this.type = type;
        this.fd = new SocketFd(system, fd);
        this.cleanable = CLEANER.register(this, closer(this.fd));
        Arena scratchMemory = Arena.ofAuto();
        this.readScratch = new Scratch(scratchMemory, system.callStateLayout(), MAX_HEAP_COPY);
        this.writeScratch = new Scratch(scratchMemory, system.callStateLayout(), MAX_HEAP_COPY);
    }

    /**
     * A new socket with the family's and type's usual protocol: {@code socket(2)}. All platforms.
     *
     * @throws UnsupportedPlatformException when Conduit has no implementation for this platform
     * @throws ErrnoException e.g. {@code EAFNOSUPPORT} for {@code INET6} on a kernel without IPv6
     */
    public static NativeSocket open(SocketFamily family, SocketType type) throws IOException {
        return open(family, type, SocketProtocol.DEFAULT);
    }

    /**
     * A new socket: {@code socket(2)}, with the defaults of the class description. All platforms.
     *
     * @throws ErrnoException e.g. {@code EPROTONOSUPPORT} for {@code STREAM} with {@code UDP}
     */
    public static NativeSocket open(SocketFamily family, SocketType type, SocketProtocol protocol) throws IOException {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(protocol, "protocol");
        SocketSystem system = Sys.sockets();
        return new NativeSocket(system, family, type, system.open(family, type, protocol));
    }

    /**
     * Two sockets connected to each other: {@code socketpair(2)}, with the defaults of the class
     * description. {@code UNIX} family only on every platform ({@code STREAM}, {@code DATAGRAM};
     * {@code SEQPACKET} on Linux).
     *
     * @return the two ends, to close each
     */
    public static NativeSocket[] pair(SocketFamily family, SocketType type) throws IOException {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(type, "type");
        SocketSystem system = Sys.sockets();
        int[] fds = system.pair(family, type);
        return new NativeSocket[] {new NativeSocket(system, family, type, fds[0]),
            new NativeSocket(system, family, type, fds[1])};
    }

    /**
     * Takes ownership of an open socket descriptor made elsewhere (inherited, or from another
     * library): from now on {@link #close()} (or the {@link Cleaner}) closes it. Its flags are left
     * as they are: Conduit's defaults (close-on-exec, no {@code SIGPIPE}) are not added. Its family
     * and type are read from the kernel ({@code getsockname(2)}, {@code getsockopt(SO_TYPE)}). All
     * platforms.
     *
     * @throws IllegalArgumentException when {@code fd} is negative, or a socket of a family or type
     *     Conduit does not handle (e.g. a Unix socket, for now)
     * @throws ErrnoException {@code EBADF} when it is not open, {@code ENOTSOCK} when it is no socket
     */
    public static NativeSocket adopt(int fd) throws IOException {
        if (fd < 0) {
            throw new IllegalArgumentException("not a descriptor: " + fd);
        }
        SocketSystem system = Sys.sockets();
        SocketType type = system.type(fd)
                .orElseThrow(() -> new IllegalArgumentException("descriptor " + fd + " is a socket of a type Conduit does not handle"));
        SocketFamily family = system.family(fd)
                .orElseThrow(() -> new IllegalArgumentException("descriptor " + fd + " is a socket of a family Conduit does not handle"));
        return new NativeSocket(system, family, type, fd);
    }

    /** The family given when the socket was made (or found when adopted). */
    public SocketFamily family() {
        return family;
    }

    /** The type given when the socket was made (or found when adopted). */
    public SocketType type() {
        return type;
    }

    /**
     * Binds to a local address: {@code bind(2)}. Port 0 picks a free ephemeral port (see
     * {@link #localAddress()}). All platforms.
     *
     * @throws IllegalArgumentException for an address of another family (an IPv6 address on an IPv4
     *     socket, a path on an IP socket), or a Unix path with NUL or longer than the platform allows
     *     (104 bytes on macOS, 108 on Linux, with the NUL)
     * @throws UnsupportedOperationException for an {@link AbstractUnixAddress} off Linux
     * @throws java.net.UnknownHostException for an unresolved address
     * @throws java.net.BindException when the address is in use or not local
     */
    public void bind(SocketAddress local) throws IOException {
        Objects.requireNonNull(local, "local");
        runWithFd(fd -> system.bind(fd, family, local));
    }

    /**
     * Connects, blocking until connected: {@code connect(2)}. All platforms.
     *
     * @throws IllegalArgumentException as for {@link #bind}
     * @throws java.net.ConnectException when refused (nothing listens there) or timed out
     * @throws java.net.NoRouteToHostException when the host or network is unreachable
     */
    public boolean connect(SocketAddress remote) throws IOException {
        return connect(remote, java.time.Duration.ZERO);
    }

    /**
     * {@link #connect(SocketAddress)}, giving up after {@code timeout} ({@link java.time.Duration#ZERO}:
     * the kernel's own limit) with {@link java.net.SocketTimeoutException}; the socket is then closed,
     * as the JDK's are, since its state is unknown.
     */
    public boolean connect(SocketAddress remote, java.time.Duration timeout) throws IOException {
        Objects.requireNonNull(remote, "remote");
        long timeoutNanos = nanos("timeout", Objects.requireNonNull(timeout, "timeout"));
        try {
            // Always started non-blocking and awaited in Java, on any thread: so close() can end it
            // at any moment (a blocking connect(2) ignores shutdown), a timeout is a deadline, and a
            // signal cannot surface as EINTR in the middle of the handshake.
            return callWithFd(fd -> {
                boolean restoreBlocking = !descriptorNonBlocking && !Thread.currentThread().isVirtual();
                makeDescriptorNonBlocking(fd);
                if (system.connectNow(fd, family, remote) == WOULD_BLOCK) {
                    if (nonBlockingMode) {
                        return false; // finishConnect() completes it
                    }
                    awaitNow(fd, ReadinessBackend.WRITE, timeoutNanos, () -> connectResult(fd, remote));
                }
                if (restoreBlocking && !nonBlockingMode) {
                    makeDescriptorBlocking(fd); // platform threads then block in the kernel, as before
                }
                return true;
            });
        } catch (java.net.SocketTimeoutException timedOut) {
            closeAfter(timedOut);
            throw timedOut;
        }
    }

    /**
     * Completes a connect that {@link #connect} left in progress in non-blocking mode: true once
     * connected, false while still in progress; the failure of a refused or failed connect.
     */
    public boolean finishConnect() throws IOException {
        return callWithFd(fd -> connectResult(fd, null) != WOULD_BLOCK);
    }

    /** 0 once connected, WOULD_BLOCK while in progress; throws the connect's failure (SO_ERROR). */
    private long connectResult(int fd, SocketAddress remote) throws IOException {
        system.throwPendingError(fd, "connect", remote); // a refused or failed connect
        try {
            system.remoteAddress(fd);
            return 0;
        } catch (ErrnoException notYet) {
            if (!notYet.errnoName().equals("ENOTCONN")) {
                throw notYet;
            }
            return WOULD_BLOCK;
        }
    }

    /**
     * Blocking mode (the default) waits in every call; non-blocking mode returns at once: reads and
     * writes 0, {@link #accept()}, {@link #receiveFrom} and {@link #receiveWithDescriptors} null,
     * {@link #connect} false (then
     * {@link #finishConnect()}). Register non-blocking sockets with a {@link Poller}. Sets
     * {@code O_NONBLOCK} with {@code fcntl(2)}. All platforms.
     */
    public void setBlocking(boolean blocking) throws IOException {
        runWithFd(fd -> {
            if (!blocking) {
                makeDescriptorNonBlocking(fd);
            }
            nonBlockingMode = !blocking; // a descriptor made non-blocking stays so: blocking is then waited for in Java
        });
    }

    /** Whether calls wait (see {@link #setBlocking}). */
    public boolean isBlocking() {
        return !nonBlockingMode;
    }

    void registerWith(ReadinessBackend backend, int interest, boolean edgeTriggered, long token) throws IOException {
        runWithFd(fd -> backend.add(fd, interest, edgeTriggered, false, token));
    }

    void reregisterWith(ReadinessBackend backend, int interest, boolean edgeTriggered, long token) throws IOException {
        runWithFd(fd -> backend.modify(fd, interest, edgeTriggered, false, token));
    }

    void deregisterFrom(ReadinessBackend backend) throws IOException {
        runWithFd(backend::remove);
    }

    private static long nanos(String what, java.time.Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + duration);
        }
        return duration.compareTo(java.time.Duration.ofDays(365 * 100)) > 0 ? Long.MAX_VALUE / 2 : duration.toNanos();
    }

    /** Closes this socket after {@code failure}, adding a failing close to it as suppressed. */
    void closeAfter(Throwable failure) {
        try {
            close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Accepts connections, with up to {@code backlog} waiting to be accepted (the kernel caps it):
     * {@code listen(2)}. All platforms. Unlike the C call, this refuses a socket that was never
     * bound: there the kernel would silently bind the wildcard address of every interface on a
     * random port.
     *
     * @throws IllegalStateException when the socket is not bound
     */
    public void listen(int backlog) throws IOException {
        if (backlog < 0) {
            throw new IllegalArgumentException("backlog must not be negative: " + backlog);
        }
        runWithFd(fd -> {
            if (isUnbound(system.localAddress(fd))) {
                throw new IllegalStateException("listen: the socket is not bound; bind it first (the kernel"
                        + " would bind every interface on an ephemeral port)");
            }
            system.listen(fd, backlog);
        });
    }

    /** {@link #listen(int)} with the platform's {@code SOMAXCONN}, the largest backlog it promises. All platforms. */
    public void listen() throws IOException {
        listen(system.maxBacklog());
    }

    /**
     * Waits for and returns the next connection, with this class's defaults: {@code accept4(SOCK_CLOEXEC)}
     * on Linux, {@code accept(2)} then {@code fcntl(F_SETFD, FD_CLOEXEC)} and {@code SO_NOSIGPIPE} on
     * macOS; the new socket is in blocking mode. The wait is a readiness wait (the listener is
     * non-blocking underneath), so {@link #close()} from another thread ends it on every platform,
     * and {@code SO_RCVTIMEO} bounds it. In non-blocking mode null when no connection is waiting.
     */
    public NativeSocket accept() throws IOException {
        return accept(false);
    }

    /**
     * {@link #accept()}, the new socket already in non-blocking mode (as after
     * {@code setBlocking(false)}, without its {@code fcntl(2)} calls): for an event loop that
     * registers what it accepts with a {@link Poller}. {@code accept4(SOCK_CLOEXEC | SOCK_NONBLOCK)}
     * on Linux; on macOS {@code accept(2)} gives the new socket the listener's {@code O_NONBLOCK},
     * which Conduit always sets on a listener. All platforms.
     */
    public NativeSocket acceptNonBlocking() throws IOException {
        return accept(true);
    }

    private NativeSocket accept(boolean nonBlocking) throws IOException {
        // Always awaited in Java, on any thread: close() then ends it everywhere (on macOS a
        // shutdown cannot wake an accept blocked in the kernel).
        long accepted = callWithFd(fd -> {
            makeDescriptorNonBlocking(fd);
            return awaitNow(fd, ReadinessBackend.READ, readTimeoutNanos, () -> system.acceptNow(fd, nonBlocking));
        });
        if (accepted == WOULD_BLOCK) {
            return null;
        }
        NativeSocket socket = new NativeSocket(system, family, type, (int) accepted);
        if (nonBlocking) {
            socket.descriptorNonBlocking = true;
            socket.nonBlockingMode = true;
        }
        return socket;
    }

    /**
     * Reads into the start of {@code destination}: {@code recv(2)}, straight into native memory,
     * through native scratch memory (up to 128 KiB) for a heap segment. All platforms.
     *
     * @return the bytes read; 0 when {@code destination} is empty (or for an empty datagram); -1 at
     *     the end of a stream
     * @throws IllegalArgumentException when {@code destination} is read-only
     */
    public long read(MemorySegment destination) throws IOException {
        Objects.requireNonNull(destination, "destination");
        if (destination.isReadOnly()) {
            throw new IllegalArgumentException("destination is read-only");
        }
        if (destination.byteSize() == 0) {
            fd.ensureOpen(); // recv(2) of 0 bytes would look like end of stream, or drop a datagram
            return 0;
        }
        long received;
        MemorySegment callState = readScratch.claim();
        try {
            if (destination.isNative()) {
                received = receive(destination, callState);
            } else {
                MemorySegment copy = readScratch.copyBuffer(callState, destination.byteSize());
                received = receive(copy, callState);
                if (received > 0) {
                    MemorySegment.copy(copy, 0, destination, 0, received);
                }
            }
        } finally {
            readScratch.release(callState);
        }
        if (received == WOULD_BLOCK) {
            return 0; // non-blocking mode: nothing there yet
        }
        return received == 0 && type == SocketType.STREAM ? -1 : received;
    }

    /**
     * Reads into {@code destination} from its position, which advances: {@code recv(2)}. All platforms.
     *
     * @return the bytes read; 0 when nothing remains in {@code destination}; -1 at end of stream
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
     * Reads into {@code destination[offset .. offset + length)}: {@code recv(2)}. All platforms.
     *
     * @return the bytes read; 0 when {@code length} is 0; -1 at end of stream
     */
    public int read(byte[] destination, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, Objects.requireNonNull(destination, "destination").length);
        return (int) read(MemorySegment.ofArray(destination).asSlice(offset, length));
    }

    /**
     * Writes from the start of {@code source}: {@code send(2)}, straight from native memory,
     * through native scratch memory (up to 128 KiB) for a heap segment. All platforms.
     *
     * @return the bytes written, at least one unless {@code source} is empty
     * @throws ErrnoException e.g. {@code EPIPE} when the connection is closed for writing
     * @throws ConnectionResetException when the peer has reset the connection
     */
    public long write(MemorySegment source) throws IOException {
        Objects.requireNonNull(source, "source");
        return write(source, 0, source.byteSize());
    }

    /**
     * Writes {@code source[offset .. offset + length)}: {@code send(2)}, as {@link #write(MemorySegment)}
     * of that slice, but from native memory at offset 0 without making the slice (nothing is
     * allocated). All platforms.
     *
     * @return the bytes written, at least one unless {@code length} is 0
     * @throws IndexOutOfBoundsException when the range is not inside {@code source}
     */
    public long write(MemorySegment source, long offset, long length) throws IOException {
        Objects.requireNonNull(source, "source");
        Objects.checkFromIndexSize(offset, length, source.byteSize());
        MemorySegment callState = writeScratch.claim();
        try {
            if (source.isNative()) {
                return offset == 0 ? transmit(source, length, callState)
                        : transmit(source.asSlice(offset, length), length, callState);
            }
            MemorySegment copy = writeScratch.copyBuffer(callState, length);
            MemorySegment.copy(source, offset, copy, 0, copy.byteSize());
            return transmit(copy, copy.byteSize(), callState);
        } finally {
            writeScratch.release(callState);
        }
    }

    /** Writes from {@code source}'s position, which advances by what was sent: {@code send(2)}. All platforms. */
    public int write(ByteBuffer source) throws IOException {
        Objects.requireNonNull(source, "source");
        int written = (int) write(MemorySegment.ofBuffer(source));
        source.position(source.position() + written);
        return written;
    }

    /** Writes from {@code source[offset .. offset + length)}: {@code send(2)}. All platforms. */
    public int write(byte[] source, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, Objects.requireNonNull(source, "source").length);
        return (int) write(MemorySegment.ofArray(source).asSlice(offset, length));
    }

    /**
     * Sends one datagram to {@code target}: {@code sendto(2)}, through native scratch memory (up to
     * 128 KiB, reused) for heap memory. The target's sockaddr is kept per socket: sending to the same
     * {@link SocketAddress} object again does not encode it again, so sends from native memory to one
     * target allocate nothing. All platforms.
     *
     * @throws java.net.PortUnreachableException when an earlier datagram to a connected peer was refused
     */
    public long sendTo(MemorySegment data, SocketAddress target) throws IOException {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(target, "target");
        if (!data.isNative() && data.byteSize() > MAX_HEAP_COPY) {
            try (Arena arena = Arena.ofConfined()) { // a datagram is sent whole: a copy of its size, once
                return sendTo(arena.allocate(data.byteSize()).copyFrom(data), target);
            }
        }
        long sent;
        int number = fd.enter();
        MemorySegment callState = writeScratch.claim();
        try {
            MemorySegment source = data;
            if (!data.isNative()) {
                source = writeScratch.copyBuffer(callState, data.byteSize());
                MemorySegment.copy(data, 0, source, 0, data.byteSize());
            }
            MemorySegment sockaddr = writeScratch.addressBuffer(callState, system.socketAddressLayout().byteSize());
            int length = writeScratch.encodedLength(callState, target);
            if (length < 0) { // another target than last time: encode it (the same object is reused as it is)
                writeScratch.remember(callState, null, 0);
                length = system.encodeAddress(family, target, sockaddr);
                writeScratch.remember(callState, target, length);
            }
            if (!descriptorNonBlocking && !Thread.currentThread().isVirtual()) {
                sent = system.sendTo(number, source, sockaddr, length, target, callState, false);
            } else {
                makeDescriptorNonBlocking(number);
                long deadline = deadline(writeTimeoutNanos);
                while ((sent = system.sendTo(number, source, sockaddr, length, target, callState, true)) == WOULD_BLOCK
                        && !nonBlockingMode) {
                    awaitReady(number, ReadinessBackend.WRITE, deadline, writeTimeoutNanos);
                }
            }
        } catch (IOException failure) {
            throw fd.closedOr(failure);
        } finally {
            writeScratch.release(callState);
            fd.exit();
            Reference.reachabilityFence(this);
        }
        return sent == WOULD_BLOCK ? 0 : sent;
    }

    /**
     * Receives one datagram into the start of {@code destination}, with its sender and whether it was
     * truncated: {@code recvmsg(2)}, through native scratch memory (up to 128 KiB) for heap memory. All
     * platforms.
     */
    public ReceivedDatagram receiveFrom(MemorySegment destination) throws IOException {
        Objects.requireNonNull(destination, "destination");
        if (destination.isReadOnly()) {
            throw new IllegalArgumentException("destination is read-only");
        }
        ReceivedDatagram received;
        int number = fd.enter();
        MemorySegment callState = readScratch.claim();
        try {
            MemorySegment buffer = destination.isNative() ? destination
                    : readScratch.copyBuffer(callState, destination.byteSize());
            MemorySegment scratch = readScratch.structBuffer(callState, system.datagramScratchSize());
            SenderCache senders = readScratch.holds(callState) ? senderCache() : null;
            if (!descriptorNonBlocking && !Thread.currentThread().isVirtual()) {
                received = system.receiveDatagram(number, buffer, scratch, senders, callState, false);
            } else {
                makeDescriptorNonBlocking(number);
                long deadline = deadline(readTimeoutNanos);
                while ((received = system.receiveDatagram(number, buffer, scratch, senders, callState, true)) == null
                        && !nonBlockingMode) {
                    awaitReady(number, ReadinessBackend.READ, deadline, readTimeoutNanos);
                }
            }
            if (received != null && buffer != destination) {
                MemorySegment.copy(buffer, 0, destination, 0, received.length());
            }
        } catch (IOException failure) {
            throw fd.closedOr(failure);
        } finally {
            readScratch.release(callState);
            fd.exit();
            Reference.reachabilityFence(this);
        }
        return unlessClosed(received);
    }

    /**
     * Sends {@code data[0 .. count)} as {@code count} datagrams with one system call,
     * {@code data[i]} to {@code targets[i]} ({@code targets} null: all to the connected peer):
     * {@code sendmmsg(2)}, from native memory straight, through {@code batch}'s reused arrays. Waits
     * as {@link #sendTo} does until at least one is sent. Datagram sockets on Linux.
     *
     * @return how many datagrams were sent, the first ones in order (a failure after the first
     *     ends the batch there); 0 in non-blocking mode when none could be; {@code batch.length(i)}
     *     is the bytes sent of each
     * @throws IllegalArgumentException when {@code count} is not in 1 .. the smallest of the
     *     arrays' lengths and the batch's capacity, a segment is not native, or a target is of
     *     another family
     * @throws NullPointerException when an array, or one of its first {@code count} elements, is null
     * @throws UnsupportedOperationException on a socket that is not a datagram socket
     */
    public int sendBatch(DatagramBatch batch, MemorySegment[] data, SocketAddress[] targets, int count)
            throws IOException {
        SocketSystem.MessageBatch natives = batch(batch, data, targets, count);
        for (int i = 0; i < count; i++) {
            MemorySegment segment = batchSegment(data, i, false);
            SocketAddress target = targets == null ? null : targets[i];
            if (targets != null && target == null) {
                throw new NullPointerException("targets[" + i + "]"); // built only then: nothing allocated per datagram
            }
            natives.prepareSend(i, segment, family, target);
        }
        int sent = batchCall(natives, count, true);
        Reference.reachabilityFence(data); // the kernel read from them through raw addresses
        return sent;
    }

    /**
     * Receives up to {@code count} datagrams with one system call, datagram {@code i} into
     * {@code buffers[i]}: {@code recvmmsg(2)} straight into the native segments, through
     * {@code batch}'s reused arrays. Waits for the first datagram only (in blocking mode), then takes
     * what has arrived. {@code batch} then tells each one's length, truncation, sender and (with
     * {@link ConduitSocketOptions#UDP_GRO}) segment size. Datagram sockets on Linux.
     *
     * @return how many datagrams arrived, in {@code buffers[0 ..]}; 0 in non-blocking mode when none has
     * @throws IllegalArgumentException when {@code count} is not in 1 .. the smallest of
     *     {@code buffers.length} and the batch's capacity, or a segment is not native or is read-only
     * @throws NullPointerException when {@code buffers}, or one of its first {@code count} elements, is null
     * @throws UnsupportedOperationException on a socket that is not a datagram socket
     */
    public int receiveBatch(DatagramBatch batch, MemorySegment[] buffers, int count) throws IOException {
        SocketSystem.MessageBatch natives = batch(batch, buffers, null, count);
        for (int i = 0; i < count; i++) {
            natives.prepareReceive(i, batchSegment(buffers, i, true));
        }
        int received = batchCall(natives, count, false);
        Reference.reachabilityFence(buffers);
        return received;
    }

    private SocketSystem.MessageBatch batch(DatagramBatch batch, MemorySegment[] segments, SocketAddress[] targets,
                                            int count) {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(segments, "segments");
        if (type != SocketType.DATAGRAM) {
            throw new UnsupportedOperationException("sendmmsg/recvmmsg take datagram sockets, not " + type);
        }
        int most = Math.min(Math.min(segments.length, targets == null ? segments.length : targets.length),
                batch.capacity());
        if (count < 1 || count > most) {
            throw new IllegalArgumentException("count must be in 1.." + most + " (segments " + segments.length
                    + (targets == null ? "" : ", targets " + targets.length) + ", batch capacity " + batch.capacity()
                    + "): " + count);
        }
        return batch.natives;
    }

    private static MemorySegment batchSegment(MemorySegment[] segments, int i, boolean writable) {
        MemorySegment segment = segments[i];
        if (segment == null) {
            throw new NullPointerException("segments[" + i + "]");
        }
        if (!segment.isNative()) {
            throw new IllegalArgumentException("sendmmsg/recvmmsg take native segments: segments[" + i + "] is " + segment);
        }
        if (writable && segment.isReadOnly()) {
            throw new IllegalArgumentException("segments[" + i + "] is read-only");
        }
        if (!segment.scope().isAlive()) {
            throw new IllegalStateException("segments[" + i + "]'s arena is closed");
        }
        return segment;
    }

    /** One sendmmsg ({@code send}) or recvmmsg over the prepared {@code natives}, waiting as the socket's mode says. */
    private int batchCall(SocketSystem.MessageBatch natives, int count, boolean send) throws IOException {
        Scratch scratch = send ? writeScratch : readScratch;
        int number = fd.enter();
        MemorySegment callState = scratch.claim();
        int done;
        try {
            if (!descriptorNonBlocking && !Thread.currentThread().isVirtual()) {
                done = send ? system.sendBatch(number, natives, count, callState, false)
                        : system.receiveBatch(number, natives, count, callState, false);
            } else {
                makeDescriptorNonBlocking(number);
                long timeoutNanos = send ? writeTimeoutNanos : readTimeoutNanos;
                long deadline = deadline(timeoutNanos);
                while ((done = send ? system.sendBatch(number, natives, count, callState, true)
                        : system.receiveBatch(number, natives, count, callState, true)) == WOULD_BLOCK && !nonBlockingMode) {
                    awaitReady(number, send ? ReadinessBackend.WRITE : ReadinessBackend.READ, deadline, timeoutNanos);
                }
            }
        } catch (IOException failure) {
            throw fd.closedOr(failure);
        } finally {
            scratch.release(callState);
            fd.exit();
            Reference.reachabilityFence(this);
        }
        if (!send && fd.isClosed()) {
            throw new SocketClosedException(); // close() woke the receive with shutdown: nothing arrived
        }
        return done == WOULD_BLOCK ? 0 : done;
    }

    /** This socket's {@link SenderCache}, made on its first datagram; used by the holder of the read scratch only. */
    private SenderCache senderCache() {
        SenderCache cache = senders;
        if (cache == null) {
            cache = new SenderCache(system);
            senders = cache;
        }
        return cache;
    }

    /** A receive that close() ended (shutdown makes it return nothing) reports the close, not an empty datagram. */
    private ReceivedDatagram unlessClosed(ReceivedDatagram received) throws SocketClosedException {
        if (received != null && received.length() == 0 && fd.isClosed()) {
            throw new SocketClosedException();
        }
        return received;
    }

    /**
     * The credentials of the peer of a connected Unix socket: {@code getsockopt(SO_PEERCRED)} on
     * Linux, {@code LOCAL_PEERCRED} and {@code LOCAL_PEERPID} on macOS.
     *
     * @throws UnsupportedOperationException on a socket that is not a Unix socket
     */
    public PeerCredentials peerCredentials() throws IOException {
        requireUnix("peer credentials");
        return callWithFd(system::peerCredentials);
    }

    /**
     * Sends {@code data} with copies of {@code fds}: {@code sendmsg(2)} with an {@code SCM_RIGHTS}
     * control message. Unix sockets only; see {@link UnixStream#send(MemorySegment, int...)}.
     */
    public long sendWithDescriptors(MemorySegment data, int... fds) throws IOException {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(fds, "fds");
        requireUnix("passing descriptors");
        if (data.byteSize() == 0) {
            throw new IllegalArgumentException("descriptors travel with at least one byte of data");
        }
        if (fds.length == 0) {
            throw new IllegalArgumentException("no descriptors to send: use write");
        }
        for (int d : fds) {
            if (d < 0) {
                throw new IllegalArgumentException("not a descriptor: " + d);
            }
        }
        int[] copy = fds.clone();
        if (data.isNative()) {
            return sent(callWithFd(fd -> ioValue(fd, ReadinessBackend.WRITE, writeTimeoutNanos,
                    () -> orNull(system.sendWithDescriptorsNow(fd, data, copy)),
                    () -> system.sendWithDescriptors(fd, data, copy))));
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment chunk = data.asSlice(0, Math.min(data.byteSize(), MAX_HEAP_COPY));
            MemorySegment scratch = arena.allocate(chunk.byteSize()).copyFrom(chunk);
            return sent(callWithFd(fd -> ioValue(fd, ReadinessBackend.WRITE, writeTimeoutNanos,
                    () -> orNull(system.sendWithDescriptorsNow(fd, scratch, copy)),
                    () -> system.sendWithDescriptors(fd, scratch, copy))));
        }
    }

    /**
     * Receives bytes and up to {@code maxDescriptors} descriptors: {@code recvmsg(2)}. Unix sockets
     * only; see {@link UnixStream#receive(MemorySegment, int)}.
     */
    public ReceivedMessage receiveWithDescriptors(MemorySegment destination, int maxDescriptors) throws IOException {
        Objects.requireNonNull(destination, "destination");
        requireUnix("passing descriptors");
        if (maxDescriptors < 1 || maxDescriptors > MAX_DESCRIPTORS) {
            throw new IllegalArgumentException("maxDescriptors must be in 1.." + MAX_DESCRIPTORS + ": " + maxDescriptors);
        }
        if (destination.isReadOnly()) {
            throw new IllegalArgumentException("destination is read-only");
        }
        SocketSystem.DescriptorMessage received;
        if (destination.isNative()) {
            received = callWithFd(fd -> ioValue(fd, ReadinessBackend.READ, readTimeoutNanos,
                    () -> system.receiveWithDescriptorsNow(fd, destination, maxDescriptors),
                    () -> system.receiveWithDescriptors(fd, destination, maxDescriptors)));
        } else {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment scratch = arena.allocate(Math.max(1, Math.min(destination.byteSize(), MAX_HEAP_COPY)))
                        .asSlice(0, Math.min(destination.byteSize(), MAX_HEAP_COPY));
                received = callWithFd(fd -> ioValue(fd, ReadinessBackend.READ, readTimeoutNanos,
                        () -> system.receiveWithDescriptorsNow(fd, scratch, maxDescriptors),
                        () -> system.receiveWithDescriptors(fd, scratch, maxDescriptors)));
                if (received == null) {
                    return null;
                }
                MemorySegment.copy(scratch, 0, destination, 0, received.length());
            }
        }
        if (received == null) {
            return null; // non-blocking mode: nothing has arrived
        }
        List<ReceivedDescriptor> descriptors = new ArrayList<>();
        for (int d : received.descriptors()) {
            descriptors.add(new ReceivedDescriptor(system, d));
        }
        return new ReceivedMessage(received.length(), descriptors);
    }

    /** Joins or leaves a multicast group; see {@link UdpSocket#joinGroup}. */
    void membership(boolean join, InetAddress group, InetAddress source, int interfaceIndex) throws IOException {
        runWithFd(fd -> system.membership(fd, family, join, group, source, interfaceIndex));
    }

    /**
     * Reads into several native segments in order, filling each before the next: {@code readv(2)}.
     * All platforms.
     *
     * @return the bytes read in all; -1 at end of stream; 0 in non-blocking mode when nothing is there
     * @throws IllegalArgumentException when a segment is not native or is read-only
     */
    public long read(MemorySegment[] destinations) throws IOException {
        long read = vectored(Objects.requireNonNull(destinations, "destinations"), true);
        if (read == WOULD_BLOCK) {
            return 0;
        }
        return read == 0 && type == SocketType.STREAM && totalSize(destinations) > 0 ? -1 : read;
    }

    /**
     * Writes several native segments in order, as one call: {@code writev(2)}. All platforms.
     *
     * @return the bytes written in all (perhaps fewer than given); 0 in non-blocking mode when none fit
     * @throws IllegalArgumentException when a segment is not native
     */
    public long write(MemorySegment[] sources) throws IOException {
        long written = vectored(Objects.requireNonNull(sources, "sources"), false);
        return written == WOULD_BLOCK ? 0 : written;
    }

    /**
     * One {@code readv} ({@code read}) or {@code writev} over {@code segments}, its iovec array in this
     * direction's scratch memory: nothing is allocated in steady state.
     */
    private long vectored(MemorySegment[] segments, boolean read) throws IOException {
        Scratch scratch = read ? readScratch : writeScratch;
        int number = fd.enter();
        MemorySegment callState = scratch.claim();
        long done;
        try {
            int count = segments.length;
            MemorySegment vector = scratch.structBuffer(callState, system.iovecLayout().byteSize() * count);
            system.fillVector(segments, read, vector);
            if (!descriptorNonBlocking && !Thread.currentThread().isVirtual()) {
                done = read ? system.readv(number, vector, count, callState, false)
                        : system.writev(number, vector, count, callState, false);
            } else {
                makeDescriptorNonBlocking(number);
                long timeoutNanos = read ? readTimeoutNanos : writeTimeoutNanos;
                long deadline = deadline(timeoutNanos);
                while ((done = read ? system.readv(number, vector, count, callState, true)
                        : system.writev(number, vector, count, callState, true)) == WOULD_BLOCK && !nonBlockingMode) {
                    awaitReady(number, read ? ReadinessBackend.READ : ReadinessBackend.WRITE, deadline, timeoutNanos);
                }
            }
        } catch (IOException failure) {
            throw fd.closedOr(failure);
        } finally {
            scratch.release(callState);
            fd.exit();
            Reference.reachabilityFence(segments); // the kernel used them through raw addresses
            Reference.reachabilityFence(this);
        }
        if (read && done == 0 && fd.isClosed()) {
            throw new SocketClosedException(); // close() woke us with shutdown; the peer did not end the stream
        }
        return done;
    }

    /**
     * Sends {@code count} bytes of {@code file}, from {@code position}, without copying them through
     * Java or user memory: the kernel moves them from the page cache to the socket
     * ({@code sendfile(2)}; on macOS Darwin's {@code sendfile(2)}, which takes its arguments in
     * another order). The file is opened by path, read-only, for this call and closed before it
     * returns; the socket's position in it is not shared with anything else. Stream sockets (TCP, Unix)
     * on Linux and macOS; tested on Linux only (the macOS path follows xnu's sendfile, which reports
     * the bytes sent through {@code *len} also when it fails with EAGAIN or EINTR).
     *
     * <p>There is no {@link java.nio.channels.FileChannel} overload: the JDK gives no public way to
     * its descriptor. For a channel, {@code channel.transferTo(position, count, connection.channel())}
     * works, copying through user memory (the JDK's sendfile path needs its own socket channels).
     *
     * <p>In blocking mode this sends until {@code count} bytes are sent or the file ends, waiting as
     * {@link #write(MemorySegment)} does (a virtual thread parks, never blocking its carrier);
     * {@code SO_SNDTIMEO} is a deadline for the whole transfer, after which it returns what was sent,
     * or throws {@link java.net.SocketTimeoutException} when that is nothing. In non-blocking mode it
     * sends what fits now (perhaps 0).
     *
     * @return the bytes sent: {@code count}, fewer when the file ends first (0 when {@code position}
     *     is at or past its end), or in non-blocking mode what fit
     * @throws IllegalArgumentException when {@code position} or {@code count} is negative, or
     *     {@code file} is not on the default file system
     * @throws UnsupportedOperationException on a socket that is not a stream socket
     * @throws java.nio.file.NoSuchFileException when there is no such file
     * @throws java.nio.file.AccessDeniedException when it may not be read
     * @throws ErrnoException e.g. {@code EINVAL} for a directory ({@code ENOTSUP} on macOS),
     *     {@code EPIPE} when the connection is closed for writing
     */
    public long transferFrom(Path file, long position, long count) throws IOException {
        Objects.requireNonNull(file, "file");
        if (position < 0 || count < 0) {
            throw new IllegalArgumentException("position and count must not be negative: " + position + ", " + count);
        }
        if (file.getFileSystem() != FileSystems.getDefault()) {
            throw new IllegalArgumentException("sendfile reads files of the default file system, not " + file.toUri());
        }
        if (type != SocketType.STREAM) {
            throw new UnsupportedOperationException("sendfile sends to stream sockets, not " + type);
        }
        fd.ensureOpen(); // a closed socket is reported as such, before the file is looked at
        int fileFd = system.openForReading(file.toString());
        long sent;
        try {
            sent = count == 0 ? 0 : sendFile(fileFd, position, count);
        } catch (IOException | RuntimeException failure) {
            try {
                system.close(fileFd);
            } catch (IOException closeFailure) {
                failure.addSuppressed(closeFailure);
            }
            throw failure;
        }
        system.close(fileFd);
        return sent;
    }

    /** The loop of {@link #transferFrom}: sendfile(2) until done, the file ends, or (non-blocking) nothing fits. */
    private long sendFile(int file, long position, long count) throws IOException {
        long sent = 0;
        MemorySegment callState = writeScratch.claim();
        int number = fd.enter();
        try {
            MemorySegment offset = writeScratch.structBuffer(callState, system.fileOffsetLayout().byteSize());
            boolean inKernel = !descriptorNonBlocking && !Thread.currentThread().isVirtual();
            if (!inKernel) {
                makeDescriptorNonBlocking(number);
            }
            long deadline = deadline(writeTimeoutNanos);
            while (sent < count) {
                long n;
                try {
                    n = system.sendFile(number, file, position + sent, count - sent, offset, callState, !inKernel);
                    if (n == WOULD_BLOCK) {
                        if (nonBlockingMode) {
                            break;
                        }
                        awaitReady(number, ReadinessBackend.WRITE, deadline, writeTimeoutNanos);
                        continue;
                    }
                } catch (java.net.SocketTimeoutException timedOut) {
                    if (sent == 0) {
                        throw timedOut;
                    }
                    break; // the deadline passed after part of the file went: report that part
                }
                if (n == 0) {
                    break; // end of file
                }
                sent += n;
            }
        } catch (IOException failure) {
            throw fd.closedOr(failure);
        } finally {
            fd.exit();
            writeScratch.release(callState);
            Reference.reachabilityFence(this);
        }
        return sent;
    }

    private static long totalSize(MemorySegment[] segments) {
        long total = 0;
        for (MemorySegment s : segments) {
            total += s.byteSize();
        }
        return total;
    }

    /** Half-closes: the peer reads end of stream, and can still send back; {@code shutdown(SHUT_WR)}. All platforms. */
    public void shutdownOutput() throws IOException {
        runWithFd(system::shutdownOutput);
    }

    /** Stops receiving: later reads see end of stream; {@code shutdown(SHUT_RD)}. All platforms. */
    public void shutdownInput() throws IOException {
        runWithFd(system::shutdownInput);
    }

    /**
     * The address this socket is bound to, with the real port after binding to 0; port 0 if it is not
     * bound: {@code getsockname(2)}. All platforms.
     */
    public SocketAddress localAddress() throws IOException {
        return callWithFd(system::localAddress);
    }

    /**
     * The address of the connected peer: {@code getpeername(2)}. All platforms.
     *
     * @throws ErrnoException {@code ENOTCONN} when not connected
     */
    public SocketAddress remoteAddress() throws IOException {
        return callWithFd(system::remoteAddress);
    }

    /**
     * Sets an option: {@code setsockopt(2)}. Takes {@link java.net.StandardSocketOptions},
     * {@link jdk.net.ExtendedSocketOptions}'s keepalive options and {@link ConduitSocketOptions}:
     * <table>
     *   <caption>Options, their C names and platforms</caption>
     *   <tr><th>option</th><th>C level, name</th><th>value</th><th>platforms</th></tr>
     *   <tr><td>SO_REUSEADDR</td><td>SOL_SOCKET, SO_REUSEADDR</td><td>Boolean</td><td>all</td></tr>
     *   <tr><td>SO_REUSEPORT</td><td>SOL_SOCKET, SO_REUSEPORT</td><td>Boolean</td><td>all (Linux: load-balances)</td></tr>
     *   <tr><td>SO_KEEPALIVE</td><td>SOL_SOCKET, SO_KEEPALIVE</td><td>Boolean, streams</td><td>all</td></tr>
     *   <tr><td>SO_BROADCAST</td><td>SOL_SOCKET, SO_BROADCAST</td><td>Boolean, datagrams</td><td>all</td></tr>
     *   <tr><td>SO_RCVBUF, SO_SNDBUF</td><td>SOL_SOCKET, same</td><td>Integer ≥ 0 (Linux reports double); Unix sockets too</td><td>all</td></tr>
     *   <tr><td>TCP_NODELAY</td><td>IPPROTO_TCP, TCP_NODELAY</td><td>Boolean, streams</td><td>all</td></tr>
     *   <tr><td>IP_TOS</td><td>IPPROTO_IP, IP_TOS; IPv6: IPPROTO_IPV6, IPV6_TCLASS</td><td>Integer 0..255</td><td>all</td></tr>
     *   <tr><td>SO_LINGER</td><td>SOL_SOCKET, SO_LINGER; macOS: SO_LINGER_SEC (SO_LINGER counts ticks there)</td><td>Integer seconds 0..65535, negative: off; streams</td><td>all</td></tr>
     *   <tr><td>SO_RCVTIMEO, SO_SNDTIMEO</td><td>SOL_SOCKET, same (struct timeval)</td><td>Duration ≥ 0, ZERO: none; Unix sockets too</td><td>all</td></tr>
     *   <tr><td>TCP_KEEPIDLE</td><td>IPPROTO_TCP, TCP_KEEPIDLE; macOS: TCP_KEEPALIVE</td><td>Integer s ≥ 1, streams</td><td>all</td></tr>
     *   <tr><td>TCP_KEEPINTERVAL, TCP_KEEPCOUNT</td><td>IPPROTO_TCP, TCP_KEEPINTVL, TCP_KEEPCNT</td><td>Integer ≥ 1, streams</td><td>all</td></tr>
     *   <tr><td>IPV6_V6ONLY</td><td>IPPROTO_IPV6, IPV6_V6ONLY</td><td>Boolean, IPv6</td><td>all</td></tr>
     *   <tr><td>IP_TTL</td><td>IPPROTO_IP, IP_TTL; IPv6: IPPROTO_IPV6, IPV6_UNICAST_HOPS</td><td>Integer 1..255</td><td>all</td></tr>
     *   <tr><td>TCP_FASTOPEN</td><td>IPPROTO_TCP, TCP_FASTOPEN</td><td>Integer ≥ 0, streams</td><td>all</td></tr>
     *   <tr><td>TCP_USER_TIMEOUT</td><td>IPPROTO_TCP, TCP_USER_TIMEOUT</td><td>Integer ms ≥ 0, streams</td><td>Linux</td></tr>
     *   <tr><td>TCP_NOTSENT_LOWAT</td><td>IPPROTO_TCP, TCP_NOTSENT_LOWAT</td><td>Integer bytes ≥ 0, streams</td><td>all</td></tr>
     *   <tr><td>IP_MULTICAST_TTL</td><td>IPPROTO_IP, IP_MULTICAST_TTL; IPv6: IPPROTO_IPV6, IPV6_MULTICAST_HOPS</td><td>Integer 0..255, datagrams</td><td>all</td></tr>
     *   <tr><td>IP_MULTICAST_LOOP</td><td>IPPROTO_IP, IP_MULTICAST_LOOP; IPv6: IPPROTO_IPV6, IPV6_MULTICAST_LOOP</td><td>Boolean, datagrams</td><td>all</td></tr>
     *   <tr><td>IP_MULTICAST_IF</td><td>IPPROTO_IP, IP_MULTICAST_IF (struct in_addr); IPv6: IPPROTO_IPV6, IPV6_MULTICAST_IF (index)</td><td>NetworkInterface, datagrams; null: not set</td><td>all</td></tr>
     *   <tr><td>IP_PKTINFO</td><td>IPPROTO_IP, IP_PKTINFO (macOS: IP_RECVPKTINFO); IPv6: IPPROTO_IPV6, IPV6_RECVPKTINFO</td><td>Boolean, datagrams</td><td>all</td></tr>
     *   <tr><td>UDP_SEGMENT</td><td>SOL_UDP, UDP_SEGMENT</td><td>Integer bytes 0..65535, datagrams; 0: off</td><td>Linux</td></tr>
     *   <tr><td>UDP_GRO</td><td>SOL_UDP, UDP_GRO</td><td>Boolean, datagrams</td><td>Linux</td></tr>
     *   <tr><td>SO_ERROR, SO_TYPE</td><td>SOL_SOCKET, same</td><td>read-only; Unix sockets too</td><td>all</td></tr>
     * </table>
     *
     * @throws UnsupportedOperationException for an option this family and type do not take, naming
     *     those they do, or one this platform lacks, naming the platform
     * @throws IllegalArgumentException for a value out of the option's range
     */
    public <T> void setOption(SocketOption<T> option, T value) throws IOException {
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(value, "value");
        runWithFd(fd -> system.setOption(fd, family, type, option, value));
        // the kernel's timeouts bind blocking calls only; waits in Java (virtual threads) use these
        if (option == ConduitSocketOptions.SO_RCVTIMEO) {
            readTimeoutNanos = nanos("SO_RCVTIMEO", (java.time.Duration) value);
        } else if (option == ConduitSocketOptions.SO_SNDTIMEO) {
            writeTimeoutNanos = nanos("SO_SNDTIMEO", (java.time.Duration) value);
        }
    }

    /** Reads an option: {@code getsockopt(2)}; see {@link #setOption} for the options and platforms. */
    public <T> T getOption(SocketOption<T> option) throws IOException {
        Objects.requireNonNull(option, "option");
        return callWithFd(fd -> system.option(fd, family, type, option));
    }

    /** The options {@link #setOption} and {@link #getOption} take for this socket's family and type. */
    public Set<SocketOption<?>> supportedOptions() {
        return system.options(family, type);
    }

    /**
     * The descriptor, for calls Conduit does not make. It stays Conduit's: do not close it, and do not
     * use it after {@link #close()} (the number may by then belong to another file).
     *
     * @throws SocketClosedException when closed
     */
    public int fd() throws SocketClosedException {
        fd.ensureOpen();
        return fd.number();
    }

    /**
     * Gives up the descriptor without closing it and returns it: the caller now owns it, and this
     * socket acts as closed. All platforms.
     *
     * @throws IllegalStateException when another thread is in a call on this socket
     */
    public int release() throws SocketClosedException {
        int released = fd.release();
        cleanable.clean(); // finds the descriptor given up: closes nothing
        return released;
    }

    /**
     * A second socket for the same kernel object, with its own descriptor, close-on-exec:
     * {@code fcntl(F_DUPFD_CLOEXEC)}. Closing one leaves the other open. All platforms.
     */
    public NativeSocket duplicate() throws IOException {
        return new NativeSocket(system, family, type, callWithFd(system::duplicate));
    }

    /**
     * Closes the socket: {@code close(2)}, at once, or when the calls other threads have blocked in
     * it return, after {@code shutdown(SHUT_RDWR)} woke them. Later calls, and calls it woke, throw
     * {@link SocketClosedException}. Idempotent. All platforms.
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

    /** Whether {@link #close()} (or {@link #release()}) has been called. */
    public boolean isClosed() {
        return fd.isClosed();
    }

    @Override
    public String toString() {
        return "NativeSocket[" + family + " " + type + (fd.isClosed() ? ", closed]" : ", fd " + fd.number() + "]");
    }

    // --- internals -------------------------------------------------------------------------------

    /** The Cleaner's action; static, so it cannot capture the socket and keep it reachable. */
    private static Runnable closer(SocketFd fd) {
        return () -> {
            try {
                fd.close();
            } catch (IOException ignored) {
                // nobody to report to; the descriptor is released anyway
            }
        };
    }

    private void requireUnix(String what) {
        if (family != SocketFamily.UNIX) {
            throw new UnsupportedOperationException(what + " needs a UNIX socket, not " + family);
        }
    }

    /** Port 0, or a Unix socket without a name: what {@code getsockname} reports before {@code bind}. */
    private static boolean isUnbound(SocketAddress local) {
        return local instanceof InetSocketAddress inet ? inet.getPort() == 0
                : local instanceof UnixDomainSocketAddress path && path.getPath().toString().isEmpty();
    }

    /** {@code recv(2)} into native memory; 0 is end of stream or an empty datagram, WOULD_BLOCK nothing yet. */
    private long receive(MemorySegment buffer, MemorySegment callState) throws IOException {
        long received;
        int number = fd.enter();
        try {
            if (!descriptorNonBlocking && !Thread.currentThread().isVirtual()) {
                received = system.receive(number, buffer, callState);
            } else {
                makeDescriptorNonBlocking(number);
                long deadline = deadline(readTimeoutNanos);
                while ((received = system.receiveNow(number, buffer, callState)) == WOULD_BLOCK && !nonBlockingMode) {
                    awaitReady(number, ReadinessBackend.READ, deadline, readTimeoutNanos);
                }
            }
        } catch (IOException failure) {
            throw fd.closedOr(failure);
        } finally {
            fd.exit();
            Reference.reachabilityFence(this);
        }
        if (received == 0 && fd.isClosed()) {
            throw new SocketClosedException(); // close() woke us with shutdown; the peer did not end the stream
        }
        return received;
    }

    /** {@code send(2)} of the first {@code length} bytes of native memory. */
    private long transmit(MemorySegment data, long length, MemorySegment callState) throws IOException {
        long sent;
        int number = fd.enter();
        try {
            if (!descriptorNonBlocking && !Thread.currentThread().isVirtual()) {
                sent = system.send(number, data, length, callState);
            } else {
                makeDescriptorNonBlocking(number);
                long deadline = deadline(writeTimeoutNanos);
                while ((sent = system.sendNow(number, data, length, callState)) == WOULD_BLOCK && !nonBlockingMode) {
                    awaitReady(number, ReadinessBackend.WRITE, deadline, writeTimeoutNanos);
                }
            }
        } catch (IOException failure) {
            throw fd.closedOr(failure);
        } finally {
            fd.exit();
            Reference.reachabilityFence(this);
        }
        return sent == WOULD_BLOCK ? 0 : sent;
    }

    private static long deadline(long timeoutNanos) {
        return timeoutNanos == 0 ? 0 : System.nanoTime() + timeoutNanos;
    }

    /**
     * Parks until {@code number} is ready for {@code interest}: throws when the socket was closed,
     * the deadline passed, or the thread was interrupted (which closes the socket).
     */
    private void awaitReady(int number, int interest, long deadline, long timeoutNanos) throws IOException {
        if (fd.isClosed()) {
            throw new SocketClosedException();
        }
        if (deadline != 0 && deadline - System.nanoTime() <= 0) {
            throw new java.net.SocketTimeoutException("timed out after " + java.time.Duration.ofNanos(timeoutNanos));
        }
        system.awaitReady(number, interest, deadline, fd::isClosed);
        if (Thread.currentThread().isInterrupted()) {
            closeAfterInterrupt();
        }
    }

    @FunctionalInterface
    private interface ValueAttempt<T> {
        /** The call's result, or null for "would block". */
        T run() throws IOException;
    }

    /** {@link #io} for calls whose result is an object: null means "would block" (returned in non-blocking mode). */
    private <T> T ioValue(int fd, int interest, long timeoutNanos, ValueAttempt<T> now, ValueAttempt<T> blocking)
            throws IOException {
        if (!descriptorNonBlocking && !Thread.currentThread().isVirtual()) {
            return blocking.run();
        }
        makeDescriptorNonBlocking(fd);
        long deadline = deadline(timeoutNanos);
        while (true) {
            T result = now.run();
            if (result != null || nonBlockingMode) {
                return result;
            }
            awaitReady(fd, interest, deadline, timeoutNanos);
        }
    }

    private static Long orNull(long result) {
        return result == WOULD_BLOCK ? null : result;
    }

    /** Bytes sent, 0 for a send that would have blocked in non-blocking mode. */
    private static long sent(Long result) {
        return result == null ? 0 : result;
    }

    @FunctionalInterface
    private interface Attempt {
        long run() throws IOException;
    }

    /**
     * One call, in the mode the socket and the thread need. A platform thread on a blocking
     * descriptor makes the blocking call ({@code blocking}). Otherwise the descriptor is
     * non-blocking and the call is tried ({@code now}): in non-blocking mode "would block" is
     * returned as it is; in blocking mode the thread parks until the descriptor is ready for
     * {@code interest} (a virtual thread never blocks its carrier in the kernel), at most
     * {@code timeoutNanos} (0: no limit) in all, however often it wakes.
     */
    private long io(int fd, int interest, long timeoutNanos, Attempt now, Attempt blocking) throws IOException {
        if (!descriptorNonBlocking && !Thread.currentThread().isVirtual()) {
            return blocking.run();
        }
        makeDescriptorNonBlocking(fd);
        return awaitNow(fd, interest, timeoutNanos, now);
    }

    /**
     * Tries {@code now} on the (non-blocking) descriptor until it does not "would block", parking
     * for {@code interest} in between; in non-blocking mode returns the "would block" as it is.
     */
    private long awaitNow(int fd, int interest, long timeoutNanos, Attempt now) throws IOException {
        long deadline = deadline(timeoutNanos);
        while (true) {
            long result = now.run();
            if (result != WOULD_BLOCK || nonBlockingMode) {
                return result;
            }
            awaitReady(fd, interest, deadline, timeoutNanos);
        }
    }

    /** As the JDK's sockets on virtual threads: an interrupt while waiting closes the socket. */
    private void closeAfterInterrupt() throws SocketClosedByInterruptException {
        SocketClosedByInterruptException closed = new SocketClosedByInterruptException();
        closeAfter(closed);
        throw closed;
    }

    private synchronized void makeDescriptorBlocking(int fd) throws IOException {
        if (descriptorNonBlocking) {
            system.setBlocking(fd, true);
            descriptorNonBlocking = false;
        }
    }

    private void makeDescriptorNonBlocking(int fd) throws IOException {
        if (!descriptorNonBlocking) { // every non-blocking call passes here: no lock once it is
            changeToNonBlocking(fd);
        }
    }

    private synchronized void changeToNonBlocking(int fd) throws IOException {
        if (!descriptorNonBlocking) {
            system.setBlocking(fd, false);
            descriptorNonBlocking = true;
        }
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
}
