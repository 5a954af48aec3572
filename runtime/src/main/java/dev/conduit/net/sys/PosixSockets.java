package dev.conduit.net.sys;

import dev.conduit.net.PeerCredentials;
import dev.conduit.net.ReceivedDatagram;
import dev.conduit.net.SocketFamily;
import dev.conduit.net.SocketProtocol;
import dev.conduit.net.SocketType;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * {@link SocketSystem} on Linux and macOS, over the generated {@link Posix} of the variant. Safe
 * defaults on every descriptor it creates: close-on-exec ({@code SOCK_CLOEXEC} where it exists,
 * else {@code fcntl(F_SETFD, FD_CLOEXEC)} right after), no {@code SIGPIPE} ({@code MSG_NOSIGNAL}
 * per send on Linux, {@code SO_NOSIGPIPE} per socket on macOS), and {@code IPV6_V6ONLY} off.
 */
public final class PosixSockets implements SocketSystem {

    private static final int NO_FLAGS = 0;
    /** socket(2)'s own "the usual protocol for this family and type", not a platform constant. */
    private static final int DEFAULT_PROTOCOL = 0;

    private final Posix posix;
    private final PosixAddresses addresses;
    private final PosixOptions options;
    private final int sendFlags;
    // made on first use: each links bindings (getaddrinfo, the msghdr layouts) that most programs never need
    private final Lazy<PosixResolver> resolver;
    private final Lazy<MessageHeaders> headers;
    private final Lazy<PosixDatagrams> datagrams;
    private final Lazy<PosixUnix> unix;
    private final Lazy<PosixSendFile> sendFile;
    private volatile ParkingPoller parking; // guarded by this when created
    /** What the generated "now" calls return for EAGAIN/EWOULDBLOCK/EINPROGRESS (SocketOp.WOULD_BLOCK). */
    private static final int WOULD_BLOCK = -2;

    public PosixSockets(Posix posix) {
        this.posix = posix;
        this.addresses = new PosixAddresses(posix);
        this.options = new PosixOptions(posix);
        this.sendFlags = posix.msgNoSignal().orElse(NO_FLAGS);
        this.resolver = new Lazy<>(() -> new PosixResolver(posix, addresses));
        this.headers = new Lazy<>(() -> new MessageHeaders(posix));
        this.datagrams = new Lazy<>(() -> new PosixDatagrams(posix, addresses, headers.get()));
        this.unix = new Lazy<>(() -> new PosixUnix(posix, headers.get()));
        this.sendFile = new Lazy<>(() -> new PosixSendFile(posix));
    }

    @Override
    public String variant() {
        return posix.variant();
    }

    @Override
    public int open(SocketFamily family, SocketType type, SocketProtocol protocol) throws IOException {
        int fd = posix.socket(family(family), type(type) | posix.sockCloexec().orElse(NO_FLAGS), protocol(protocol));
        return withDefaults(fd, family);
    }

    @Override
    public int[] pair(SocketFamily family, SocketType type) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(ValueLayout.JAVA_INT, 2);
            posix.socketpair(family(family), type(type) | posix.sockCloexec().orElse(NO_FLAGS), DEFAULT_PROTOCOL, fds);
            int first = fds.getAtIndex(ValueLayout.JAVA_INT, 0);
            int second = fds.getAtIndex(ValueLayout.JAVA_INT, 1);
            for (int[] own : new int[][] {{first, second}, {second, first}}) {
                try {
                    withDefaults(own[0], family); // closes own[0] if it fails
                } catch (IOException | RuntimeException failure) {
                    closeAfter(own[1], failure);
                    throw failure;
                }
            }
            return new int[] {first, second};
        }
    }

    @Override
    public void bind(int fd, SocketFamily family, SocketAddress address) throws IOException {
        withSockaddr(family, address, (sockaddr, length) -> posix.bind(fd, sockaddr, length));
    }

    @Override
    public void listen(int fd, int backlog) throws IOException {
        posix.listen(fd, backlog);
    }

    @Override
    public int maxBacklog() {
        return posix.somaxconn();
    }

    @Override
    public long receive(int fd, MemorySegment buffer, MemorySegment callState) throws IOException {
        return posix.recv(fd, buffer, buffer.byteSize(), NO_FLAGS, callState);
    }

    @Override
    public java.lang.foreign.MemoryLayout callStateLayout() {
        return posix.callStateLayout();
    }

    @Override
    public long send(int fd, MemorySegment data, long length, MemorySegment callState) throws IOException {
        return posix.send(fd, data, length, sendFlags, callState);
    }

    @Override
    public java.lang.foreign.MemoryLayout socketAddressLayout() {
        return posix.sockaddrStorageLayout();
    }

    @Override
    public int encodeAddress(SocketFamily family, SocketAddress address, MemorySegment sockaddr)
            throws UnknownHostException {
        return addresses.encode(sockaddr, family, address);
    }

    @Override
    public long sendTo(int fd, MemorySegment data, MemorySegment sockaddr, int length, SocketAddress target,
                       MemorySegment callState, boolean now) throws IOException {
        try {
            return now ? posix.sendtoNow(fd, data, data.byteSize(), sendFlags, sockaddr, length, callState)
                    : posix.sendto(fd, data, data.byteSize(), sendFlags, sockaddr, length, callState);
        } catch (IOException failure) {
            throw SocketErrors.withContext(failure, PosixAddresses.describe(target));
        }
    }

    @Override
    public long datagramScratchSize() {
        return datagrams.get().scratchSize();
    }

    @Override
    public ReceivedDatagram receiveDatagram(int fd, MemorySegment buffer, MemorySegment scratch, SenderCache senders,
                                            MemorySegment callState, boolean now) throws IOException {
        return datagrams.get().receive(fd, buffer, scratch, senders, callState, now);
    }

    @Override
    public void membership(int fd, SocketFamily family, boolean join, InetAddress group, InetAddress source,
                           int interfaceIndex) throws IOException {
        datagrams.get().membership(fd, family, join, group, source, interfaceIndex);
    }

    @Override
    public PeerCredentials peerCredentials(int fd) throws IOException {
        return unix.get().peerCredentials(fd);
    }

    @Override
    public long sendWithDescriptors(int fd, MemorySegment data, int[] fds) throws IOException {
        return unix.get().send(fd, data, fds, false);
    }

    @Override
    public long sendWithDescriptorsNow(int fd, MemorySegment data, int[] fds) throws IOException {
        return unix.get().send(fd, data, fds, true);
    }

    @Override
    public DescriptorMessage receiveWithDescriptorsNow(int fd, MemorySegment buffer, int maxDescriptors)
            throws IOException {
        return unix.get().receive(fd, buffer, maxDescriptors, true);
    }

    @Override
    public DescriptorMessage receiveWithDescriptors(int fd, MemorySegment buffer, int maxDescriptors) throws IOException {
        return unix.get().receive(fd, buffer, maxDescriptors, false);
    }

    @Override
    public java.lang.foreign.MemoryLayout iovecLayout() {
        return posix.iovecLayout();
    }

    @Override
    public void fillVector(MemorySegment[] buffers, boolean writable, MemorySegment vector) {
        headers.get().fill(vector, buffers, writable);
    }

    @Override
    public long readv(int fd, MemorySegment vector, int count, MemorySegment callState, boolean now) throws IOException {
        return now ? posix.readvNow(fd, vector, count, callState) : posix.readv(fd, vector, count, callState);
    }

    @Override
    public long writev(int fd, MemorySegment vector, int count, MemorySegment callState, boolean now)
            throws IOException {
        return now ? posix.writevNow(fd, vector, count, callState) : posix.writev(fd, vector, count, callState);
    }

    @Override
    public int openForReading(String path) throws IOException {
        return sendFile.get().openForReading(path);
    }

    @Override
    public java.lang.foreign.MemoryLayout fileOffsetLayout() {
        return posix.offTLayout();
    }

    @Override
    public long sendFile(int socket, int file, long position, long count, MemorySegment offset,
                         MemorySegment callState, boolean now) throws IOException {
        return sendFile.get().send(socket, file, position, count, offset, callState, now);
    }

    @Override
    public MessageBatch newMessageBatch(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a batch holds at least one datagram: " + capacity);
        }
        try {
            return new PosixMessageBatch(posix, addresses, capacity);
        } catch (UnsupportedOperationException absent) {
            throw new UnsupportedOperationException("batched datagrams (sendmmsg, recvmmsg) are Linux only, not available on "
                    + variant(), absent);
        }
    }

    @Override
    public int sendBatch(int fd, MessageBatch batch, int count, MemorySegment callState, boolean now) throws IOException {
        MemorySegment messages = ((PosixMessageBatch) batch).messages();
        return now ? posix.sendmmsgNow(fd, messages, count, sendFlags, callState)
                : posix.sendmmsg(fd, messages, count, sendFlags, callState);
    }

    @Override
    public int receiveBatch(int fd, MessageBatch batch, int count, MemorySegment callState, boolean now)
            throws IOException {
        MemorySegment messages = ((PosixMessageBatch) batch).messages();
        return now ? posix.recvmmsgNow(fd, messages, count, NO_FLAGS, MemorySegment.NULL, callState)
                : posix.recvmmsg(fd, messages, count, posix.msgWaitforone(), MemorySegment.NULL, callState);
    }

    @Override
    public void shutdownInput(int fd) throws IOException {
        posix.shutdown(fd, posix.shutRd());
    }

    @Override
    public void shutdownOutput(int fd) throws IOException {
        posix.shutdown(fd, posix.shutWr());
    }

    @Override
    public void wakeBlocked(int fd) {
        try {
            posix.shutdown(fd, posix.shutRdwr());
        } catch (IOException notConnected) {
            // ENOTCONN: nothing connected to wake (and macOS cannot wake a blocked accept this way)
        }
        ParkingPoller parked = parking;
        if (parked != null) {
            parked.wake(fd); // a thread parked on the descriptor wakes, sees the close, and throws
        }
    }

    @Override
    public void setBlocking(int fd, boolean blocking) throws IOException {
        int flags = posix.fcntl(fd, posix.fGetfl(), 0);
        int wanted = blocking ? flags & ~posix.oNonblock() : flags | posix.oNonblock();
        if (wanted != flags) {
            posix.fcntl(fd, posix.fSetfl(), wanted);
        }
    }

    @Override
    public long receiveNow(int fd, MemorySegment buffer, MemorySegment callState) throws IOException {
        return posix.recvNow(fd, buffer, buffer.byteSize(), NO_FLAGS, callState);
    }

    @Override
    public long sendNow(int fd, MemorySegment data, long length, MemorySegment callState) throws IOException {
        return posix.sendNow(fd, data, length, sendFlags, callState);
    }

    @Override
    public long acceptNow(int fd, boolean nonBlocking) throws IOException {
        OptionalInt cloexec = posix.sockCloexec();
        int accepted = cloexec.isPresent()
                ? posix.accept4Now(fd, MemorySegment.NULL, MemorySegment.NULL,
                        cloexec.getAsInt() | (nonBlocking ? posix.sockNonblock().orElseThrow() : 0))
                : posix.acceptNow(fd, MemorySegment.NULL, MemorySegment.NULL);
        if (accepted == WOULD_BLOCK) {
            return WOULD_BLOCK;
        }
        if (cloexec.isEmpty() && !nonBlocking) {
            // BSD's accept(2) copies the listener's O_NONBLOCK (Linux's does not): a new socket is blocking
            try {
                setBlocking(accepted, true);
            } catch (IOException | RuntimeException failure) {
                closeAfter(accepted, failure);
                throw failure;
            }
        }
        return withDefaults(accepted, null);
    }

    @Override
    public long connectNow(int fd, SocketFamily family, SocketAddress address) throws IOException {
        long[] result = new long[1];
        withSockaddr(family, address, (sockaddr, length) -> result[0] = posix.connectNow(fd, sockaddr, length));
        return result[0];
    }

    @Override
    public void throwPendingError(int fd, String function, SocketAddress address) throws IOException {
        int errno = posix.pendingError(fd);
        if (errno != 0) {
            IOException failure = SocketErrors.forErrno(function, posix.errnoName(errno), errno);
            throw address == null ? failure : SocketErrors.withContext(failure, PosixAddresses.describe(address));
        }
    }

    @Override
    public void awaitReady(int fd, int interest, long deadlineNanos, BooleanSupplier abandoned) throws IOException {
        ParkingPoller parked = parking;
        if (parked == null) {
            synchronized (this) {
                parked = parking;
                if (parked == null) {
                    parked = new ParkingPoller(openReadiness()); // one poller thread, started on first need
                    parking = parked;
                }
            }
        }
        parked.await(fd, interest, deadlineNanos, abandoned);
    }

    @Override
    public ReadinessBackend openReadiness() throws IOException {
        if ("poll".equals(System.getProperty("dev.conduit.poller"))) {
            return new PollBackend(posix);
        }
        return posix.evfiltUser().isPresent() ? new KqueueBackend(posix) : new EpollBackend(posix);
    }

    @Override
    public void close(int fd) throws IOException {
        ParkingPoller parked = parking;
        if (parked != null) {
            parked.forget(fd); // its number may be reused at once: no registration may outlive it
        }
        posix.close(fd);
    }

    @Override
    public int duplicate(int fd) throws IOException {
        return posix.fcntl(fd, posix.fDupfdCloexec(), 0);
    }

    @Override
    public SocketAddress localAddress(int fd) throws IOException {
        return name(fd, true, addresses::decode);
    }

    @Override
    public SocketAddress remoteAddress(int fd) throws IOException {
        return name(fd, false, addresses::decode);
    }

    @Override
    public Optional<SocketFamily> family(int fd) throws IOException {
        return name(fd, true, (sockaddr, length) -> addresses.family(posix.sockaddrFamily(sockaddr)));
    }

    @Override
    public Optional<SocketType> type(int fd) throws IOException {
        return typeOf(posix, posix.socketType(fd));
    }

    @Override
    public Set<SocketOption<?>> options(SocketFamily family, SocketType type) {
        return options.options(family, type);
    }

    @Override
    public <T> void setOption(int fd, SocketFamily family, SocketType type, SocketOption<T> option, T value)
            throws IOException {
        options.set(fd, family, type, option, value);
    }

    @Override
    public <T> T option(int fd, SocketFamily family, SocketType type, SocketOption<T> option) throws IOException {
        return options.get(fd, family, type, option);
    }

    @Override
    public List<InetAddress> resolve(String host, boolean numericOnly) throws UnknownHostException {
        return resolver.get().resolve(host, numericOnly);
    }

    static Optional<SocketType> typeOf(Posix posix, int value) {
        if (value == posix.sockStream()) {
            return Optional.of(SocketType.STREAM);
        } else if (value == posix.sockDgram()) {
            return Optional.of(SocketType.DATAGRAM);
        } else if (value == posix.sockSeqpacket()) {
            return Optional.of(SocketType.SEQPACKET);
        }
        return Optional.empty();
    }

    private int family(SocketFamily family) {
        return switch (family) {
            case INET -> posix.afInet();
            case INET6 -> posix.afInet6();
            case UNIX -> posix.afUnix();
        };
    }

    private int type(SocketType type) {
        return switch (type) {
            case STREAM -> posix.sockStream();
            case DATAGRAM -> posix.sockDgram();
            case SEQPACKET -> posix.sockSeqpacket();
        };
    }

    private int protocol(SocketProtocol protocol) {
        return switch (protocol) {
            case DEFAULT -> DEFAULT_PROTOCOL;
            case TCP -> posix.ipprotoTcp();
            case UDP -> posix.ipprotoUdp();
        };
    }

    /** Gives a new descriptor the defaults the platform could not set atomically; closes it on failure. */
    private int withDefaults(int fd, SocketFamily family) throws IOException {
        try {
            if (posix.sockCloexec().isEmpty()) {
                posix.fcntl(fd, posix.fSetfd(), posix.fdCloexec());
            }
            if (posix.msgNoSignal().isEmpty()) {
                posix.setNoSigpipe(fd, true); // no per-send flag on this platform: opt out per socket
            }
            if (family == SocketFamily.INET6) {
                posix.setIpv6Only(fd, false); // one socket for both families, as java.nio does
            }
            return fd;
        } catch (IOException | RuntimeException failure) {
            closeAfter(fd, failure);
            throw failure;
        }
    }

    private void closeAfter(int fd, Throwable failure) {
        try {
            posix.close(fd);
        } catch (IOException closeFailure) {
            failure.addSuppressed(closeFailure);
        }
    }

    @FunctionalInterface
    private interface AddressCall {
        void apply(MemorySegment sockaddr, int length) throws IOException;
    }

    /** Runs {@code call} with {@code address} as a sockaddr in scratch memory; failures name the address. */
    private void withSockaddr(SocketFamily family, SocketAddress address, AddressCall call) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sockaddr = arena.allocate(posix.sockaddrStorageLayout());
            int length = addresses.encode(sockaddr, family, address);
            call.apply(sockaddr, length);
        } catch (IOException failure) {
            throw SocketErrors.withContext(failure, PosixAddresses.describe(address));
        }
    }

    /** Reads what {@code getsockname}/{@code getpeername} wrote, given its reported length. */
    @FunctionalInterface
    private interface NameDecoder<T> {
        T decode(MemorySegment sockaddr, int length);
    }

    /** {@code getsockname} ({@code local}) or {@code getpeername} into scratch memory, then {@code decode}. */
    private <T> T name(int fd, boolean local, NameDecoder<T> decode) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sockaddr = arena.allocate(posix.sockaddrStorageLayout());
            MemorySegment length = arena.allocateFrom(posix.socklenLayout(), (int) sockaddr.byteSize());
            if (local) {
                posix.getsockname(fd, sockaddr, length);
            } else {
                posix.getpeername(fd, sockaddr, length);
            }
            return decode.decode(sockaddr, length.get(posix.socklenLayout(), 0L));
        }
    }
}
