package dev.conduit.net.sys;

import dev.conduit.net.PeerCredentials;
import dev.conduit.net.ReceivedDatagram;
import dev.conduit.net.SocketFamily;
import dev.conduit.net.SocketProtocol;
import dev.conduit.net.SocketType;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The one boundary between Conduit's portable API and the operating system, in portable terms:
 * families, types and options as Java values, addresses as {@link java.net.InetSocketAddress},
 * {@link java.net.UnixDomainSocketAddress} or {@link dev.conduit.net.AbstractUnixAddress}, descriptors as
 * {@code int} (a Winsock {@code SOCKET} fits one too, as the JDK stores it). {@link PosixSockets}
 * serves Linux and macOS over the generated {@link Posix}; a Winsock implementation would sit beside
 * it. Every call names the socket by descriptor; the caller guarantees the descriptor is open.
 */
public interface SocketSystem {

    /** The variant served, e.g. {@code linux-x86_64}. */
    String variant();

    /** A new socket, close-on-exec and without {@code SIGPIPE}; IPv6 sockets also accept IPv4 ({@code IPV6_V6ONLY} off). */
    int open(SocketFamily family, SocketType type, SocketProtocol protocol) throws IOException;

    /** Two connected sockets: {@code socketpair(2)}, with the same defaults as {@link #open}. */
    int[] pair(SocketFamily family, SocketType type) throws IOException;

    void bind(int fd, SocketFamily family, SocketAddress address) throws IOException;

    void listen(int fd, int backlog) throws IOException;

    /** The largest backlog the platform promises ({@code SOMAXCONN}). */
    int maxBacklog();

    /**
     * Receives into native memory; 0 is end of stream or an empty datagram. {@code callState} is
     * reused for the errno capture (see {@link #callStateLayout}): nothing is allocated.
     */
    long receive(int fd, MemorySegment buffer, MemorySegment callState) throws IOException;

    /**
     * Sends the first {@code length} bytes of native memory (at most its size), never raising
     * {@code SIGPIPE}; {@code callState} as for {@link #receive}.
     */
    long send(int fd, MemorySegment data, long length, MemorySegment callState) throws IOException;

    /** What the {@code callState} of {@link #receive} and {@link #send} must be allocated as. */
    java.lang.foreign.MemoryLayout callStateLayout();

    /** Room for any socket address ({@code sockaddr_storage}), for {@link #encodeAddress}. */
    java.lang.foreign.MemoryLayout socketAddressLayout();

    /**
     * Writes {@code address} as a sockaddr of {@code family} into {@code sockaddr}; its length.
     *
     * @throws IllegalArgumentException for an address of another family
     * @throws UnknownHostException for an unresolved address
     */
    int encodeAddress(SocketFamily family, SocketAddress address, MemorySegment sockaddr) throws UnknownHostException;

    /**
     * Sends one datagram to the {@code length} bytes of {@code sockaddr} ({@link #encodeAddress} of
     * {@code target}, which failures name); with {@code now}, WOULD_BLOCK instead of waiting.
     * {@code callState} as for {@link #receive}.
     */
    long sendTo(int fd, MemorySegment data, MemorySegment sockaddr, int length, SocketAddress target,
                MemorySegment callState, boolean now) throws IOException;

    /** The bytes of native scratch memory {@link #receiveDatagram} takes beside the buffer. */
    long datagramScratchSize();

    /**
     * Receives one datagram into the native {@code buffer}, with its sender, whether it was
     * truncated, and its destination if asked for; with {@code now}, null when none has arrived.
     * {@code scratch} (at least {@link #datagramScratchSize} bytes, aligned for any C structure) and
     * {@code callState} are reused native memory; {@code senders} (or null) keeps the last sender.
     */
    ReceivedDatagram receiveDatagram(int fd, MemorySegment buffer, MemorySegment scratch, SenderCache senders,
                                     MemorySegment callState, boolean now) throws IOException;

    /**
     * Joins ({@code join}) or leaves a multicast group on the interface of {@code interfaceIndex} (0:
     * the one the route to the group picks), from any source ({@code source} null) or one.
     */
    void membership(int fd, SocketFamily family, boolean join, InetAddress group, InetAddress source,
                    int interfaceIndex) throws IOException;

    /** Bytes received with descriptors: the descriptors are the caller's to close. */
    record DescriptorMessage(long length, int[] descriptors) {
    }

    /** The peer's credentials on a connected Unix socket. */
    PeerCredentials peerCredentials(int fd) throws IOException;

    /** {@code sendmsg} of {@code data} with an {@code SCM_RIGHTS} message carrying {@code fds}. */
    long sendWithDescriptors(int fd, MemorySegment data, int[] fds) throws IOException;

    /** {@link #sendWithDescriptors}, or WOULD_BLOCK. */
    long sendWithDescriptorsNow(int fd, MemorySegment data, int[] fds) throws IOException;

    /**
     * {@code recvmsg} with room for {@code maxDescriptors}; received descriptors are close-on-exec.
     *
     * @throws dev.conduit.net.TruncatedControlDataException when more came (the ones that did are closed)
     */
    DescriptorMessage receiveWithDescriptors(int fd, MemorySegment buffer, int maxDescriptors) throws IOException;

    /** {@link #receiveWithDescriptors}, or null when nothing has arrived. */
    DescriptorMessage receiveWithDescriptorsNow(int fd, MemorySegment buffer, int maxDescriptors) throws IOException;

    // --- non-blocking use: "now" calls return WOULD_BLOCK (-2) instead of waiting ---------------------

    /** Sets or clears {@code O_NONBLOCK}. */
    void setBlocking(int fd, boolean blocking) throws IOException;

    long receiveNow(int fd, MemorySegment buffer, MemorySegment callState) throws IOException;

    long sendNow(int fd, MemorySegment data, long length, MemorySegment callState) throws IOException;

    /**
     * The next connection (a new descriptor with {@link #open}'s defaults, blocking or, with
     * {@code nonBlocking}, already {@code O_NONBLOCK}), or WOULD_BLOCK. {@code fd} is non-blocking.
     */
    long acceptNow(int fd, boolean nonBlocking) throws IOException;

    /** 0 when connected at once, WOULD_BLOCK while in progress ({@code EINPROGRESS}). */
    long connectNow(int fd, SocketFamily family, SocketAddress address) throws IOException;

    /** Throws the failure a finished connect left in {@code SO_ERROR}, if any, naming {@code address}. */
    void throwPendingError(int fd, String function, SocketAddress address) throws IOException;

    /**
     * Parks the calling thread until {@code fd} is ready for {@code interest}, {@code deadlineNanos}
     * ({@link System#nanoTime()}; 0: none) passes, or {@link #wakeBlocked} is called for it;
     * returns at once if {@code abandoned} (the socket closed meanwhile) is true once it could be woken.
     */
    void awaitReady(int fd, int interest, long deadlineNanos, BooleanSupplier abandoned) throws IOException;

    /** A readiness poller of the platform's kind, for {@link dev.conduit.net.Poller}. */
    ReadinessBackend openReadiness() throws IOException;

    /** What each entry of a {@link #readv}/{@link #writev} vector takes ({@code struct iovec}). */
    java.lang.foreign.MemoryLayout iovecLayout();

    /**
     * Writes one {@code iovec} per segment of {@code buffers} into {@code vector} (room for as many
     * {@link #iovecLayout}s), reading the array once.
     *
     * @throws IllegalArgumentException for a segment that is not native, or (with {@code writable}) read-only
     * @throws NullPointerException for a null segment
     */
    void fillVector(MemorySegment[] buffers, boolean writable, MemorySegment vector);

    /**
     * {@code readv} into the {@code count} buffers {@link #fillVector} wrote to {@code vector}; with
     * {@code now}, WOULD_BLOCK instead of waiting. 0 is end of stream.
     */
    long readv(int fd, MemorySegment vector, int count, MemorySegment callState, boolean now) throws IOException;

    /** {@code writev} from the {@code count} buffers in {@code vector}; with {@code now}, WOULD_BLOCK instead of waiting. */
    long writev(int fd, MemorySegment vector, int count, MemorySegment callState, boolean now) throws IOException;

    /**
     * Opens a file to send with {@link #sendFile}: read-only, close-on-exec; the descriptor is the
     * caller's to {@link #close}.
     *
     * @throws java.nio.file.NoSuchFileException when there is no such file
     * @throws java.nio.file.AccessDeniedException when it may not be read
     */
    int openForReading(String path) throws IOException;

    /** What the {@code offset} of {@link #sendFile} must be allocated as ({@code off_t}). */
    java.lang.foreign.MemoryLayout fileOffsetLayout();

    /**
     * Sends up to {@code count} (at least 1) bytes of the file {@code file} from {@code position} to
     * the stream socket {@code socket}, the kernel copying from the page cache ({@code sendfile(2)}):
     * the bytes sent, 0 at end of file, with {@code now} WOULD_BLOCK instead of waiting. {@code offset}
     * and {@code callState} are reused native memory (see {@link #fileOffsetLayout}, {@link #callStateLayout}).
     */
    long sendFile(int socket, int file, long position, long count, MemorySegment offset, MemorySegment callState,
                  boolean now) throws IOException;

    /**
     * Native arrays for {@link #sendBatch} and {@link #receiveBatch}, for {@code capacity} datagrams.
     *
     * @throws UnsupportedOperationException where the platform has no {@code sendmmsg}/{@code recvmmsg}, naming it
     */
    MessageBatch newMessageBatch(int capacity);

    /**
     * {@code sendmmsg} of the first {@code count} entries of {@code batch}: how many were sent; with
     * {@code now}, WOULD_BLOCK instead of waiting when none could be.
     */
    int sendBatch(int fd, MessageBatch batch, int count, MemorySegment callState, boolean now) throws IOException;

    /**
     * {@code recvmmsg} into the first {@code count} entries of {@code batch}, waiting (without
     * {@code now}) for the first datagram only: how many arrived; with {@code now}, WOULD_BLOCK when none has.
     */
    int receiveBatch(int fd, MessageBatch batch, int count, MemorySegment callState, boolean now) throws IOException;

    /**
     * The entries of one {@code sendmmsg}/{@code recvmmsg}, in native memory reused from call to call;
     * one call at a time.
     */
    interface MessageBatch {

        int capacity();

        /** Entry {@code i} sends {@code data} (native) to {@code target}, or the connected peer when null. */
        void prepareSend(int i, MemorySegment data, SocketFamily family, SocketAddress target)
                throws UnknownHostException;

        /** Entry {@code i} receives into {@code buffer} (native). */
        void prepareReceive(int i, MemorySegment buffer);

        /** The bytes entry {@code i} sent or received ({@code msg_len}). */
        long length(int i);

        /** Whether received entry {@code i} was longer than its buffer ({@code MSG_TRUNC}). */
        boolean truncated(int i);

        /** The sender of a received entry; null where the kernel reported none. */
        SocketAddress sender(int i);

        /** The size of the datagrams the kernel coalesced into received entry {@code i} (UDP_GRO), or 0. */
        int segmentSize(int i);
    }

    void shutdownInput(int fd) throws IOException;

    void shutdownOutput(int fd) throws IOException;

    /**
     * Wakes threads blocked on the socket before it is closed (in the kernel, by {@code shutdown};
     * parked in {@link #awaitReady}, by unparking them); failures (nothing to wake) are ignored.
     */
    void wakeBlocked(int fd);

    void close(int fd) throws IOException;

    /** A new descriptor for the same socket, close-on-exec. */
    int duplicate(int fd) throws IOException;

    /** The address the socket is bound to; port 0 with a wildcard address if it is not bound. */
    SocketAddress localAddress(int fd) throws IOException;

    SocketAddress remoteAddress(int fd) throws IOException;

    /** The family of an open socket, for adopting a descriptor; empty for one Conduit cannot use. */
    Optional<SocketFamily> family(int fd) throws IOException;

    /** The type of an open socket ({@code SO_TYPE}); empty for one Conduit cannot use. */
    Optional<SocketType> type(int fd) throws IOException;

    /** The options {@link #setOption} and {@link #option} take for sockets of this family and type. */
    Set<SocketOption<?>> options(SocketFamily family, SocketType type);

    /**
     * @throws UnsupportedOperationException when this variant or family lacks the option, naming both
     * @throws IllegalArgumentException when the value is out of the option's range
     */
    <T> void setOption(int fd, SocketFamily family, SocketType type, SocketOption<T> option, T value)
            throws IOException;

    <T> T option(int fd, SocketFamily family, SocketType type, SocketOption<T> option) throws IOException;

    /**
     * Every address of {@code host}, in the resolver's order, without duplicates; {@code numericOnly}
     * accepts only a literal (no lookup).
     *
     * @throws UnknownHostException with the resolver's reason
     */
    List<InetAddress> resolve(String host, boolean numericOnly) throws UnknownHostException;
}
