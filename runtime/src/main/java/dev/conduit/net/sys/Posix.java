package dev.conduit.net.sys;

import dev.conduit.ops.CallState;
import dev.conduit.ops.CallStateLayout;
import dev.conduit.ops.Constant;
import dev.conduit.ops.DecodeSockaddr;
import dev.conduit.ops.EncodeSockaddr;
import dev.conduit.ops.ErrnoName;
import dev.conduit.ops.Layout;
import dev.conduit.ops.SockOpt;
import dev.conduit.ops.SockaddrFamily;
import dev.conduit.ops.SocketOp;
import dev.conduit.ops.SocketOps;
import dev.conduit.ops.VariantName;
import java.io.IOException;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.util.OptionalInt;

/**
 * The native operations Conduit uses, by their C names. The processor generates one implementation
 * per variant ({@code Posix_linux_x86_64}, ...) from that variant's bindings; {@link Sys} picks the
 * one for this platform. To add a syscall: add its symbols to {@code headers/inputs/<os>/symbols.txt},
 * regenerate, and declare one method here.
 */
@SocketOps(
        variants = {"linux-x86_64", "linux-aarch64", "macos-x86_64", "macos-aarch64"},
        errors = SocketErrors.class)
public interface Posix {

    @VariantName
    String variant();

    @ErrnoName
    String errnoName(int errno);

    // --- calls -----------------------------------------------------------------------------------

    @SocketOp(fn = "socket")
    int socket(int domain, int type, int protocol) throws IOException;

    @SocketOp(fn = "bind")
    void bind(int fd, MemorySegment address, int length) throws IOException;

    @SocketOp(fn = "listen")
    void listen(int fd, int backlog) throws IOException;

    @SocketOp(fn = "recv")
    long recv(int fd, MemorySegment buffer, long length, int flags, @CallState MemorySegment callState)
            throws IOException;

    @SocketOp(fn = "send")
    long send(int fd, MemorySegment buffer, long length, int flags, @CallState MemorySegment callState)
            throws IOException;

    /** The capture segment {@code @CallState} parameters take: allocate it once and reuse it. */
    @CallStateLayout
    MemoryLayout callStateLayout();

    @SocketOp(fn = "shutdown")
    void shutdown(int fd, int how) throws IOException;

    @SocketOp(fn = "close", retryOnEintr = false)
    void close(int fd) throws IOException;

    @SocketOp(fn = "getsockname")
    void getsockname(int fd, MemorySegment address, MemorySegment length) throws IOException;

    @SocketOp(fn = "getpeername")
    void getpeername(int fd, MemorySegment address, MemorySegment length) throws IOException;

    /** {@code fcntl(fd, cmd, arg)}: the variadic third argument as an int. */
    @SocketOp(fn = "fcntl")
    int fcntl(int fd, int cmd, int arg) throws IOException;

    /** {@code pipe(fds)}: the poll(2) fallback's wake-up channel. */
    @SocketOp(fn = "pipe")
    void pipe(MemorySegment fds) throws IOException;

    @Layout("pollfd")
    StructLayout pollfdLayout();

    @SocketOp(fn = "poll")
    int poll(MemorySegment fds, long count, int timeoutMillis) throws IOException;

    @SocketOp(fn = "sendto")
    long sendto(int fd, MemorySegment buffer, long length, int flags, MemorySegment address, int addressLength,
                @CallState MemorySegment callState) throws IOException;

    @SocketOp(fn = "sendmsg")
    long sendmsg(int fd, MemorySegment message, int flags) throws IOException;

    @SocketOp(fn = "recvmsg")
    long recvmsg(int fd, MemorySegment message, int flags, @CallState MemorySegment callState) throws IOException;

    @SocketOp(fn = "socketpair")
    void socketpair(int domain, int type, int protocol, MemorySegment fds) throws IOException;

    // --- non-blocking calls: "would block" as the value -2 (SocketOp.WOULD_BLOCK) ------------------

    @SocketOp(fn = "recv", returnWouldBlock = true)
    long recvNow(int fd, MemorySegment buffer, long length, int flags, @CallState MemorySegment callState)
            throws IOException;

    @SocketOp(fn = "send", returnWouldBlock = true)
    long sendNow(int fd, MemorySegment buffer, long length, int flags, @CallState MemorySegment callState)
            throws IOException;

    @SocketOp(fn = "accept", returnWouldBlock = true)
    int acceptNow(int fd, MemorySegment address, MemorySegment length) throws IOException;

    /** Linux only: accept and set flags (SOCK_CLOEXEC) atomically. */
    @SocketOp(fn = "accept4", returnWouldBlock = true, unavailableOn = "macos-*")
    int accept4Now(int fd, MemorySegment address, MemorySegment length, int flags) throws IOException;

    @SocketOp(fn = "sendto", returnWouldBlock = true)
    long sendtoNow(int fd, MemorySegment buffer, long length, int flags, MemorySegment address, int addressLength,
                   @CallState MemorySegment callState) throws IOException;

    @SocketOp(fn = "sendmsg", returnWouldBlock = true)
    long sendmsgNow(int fd, MemorySegment message, int flags) throws IOException;

    @SocketOp(fn = "recvmsg", returnWouldBlock = true)
    long recvmsgNow(int fd, MemorySegment message, int flags, @CallState MemorySegment callState) throws IOException;

    /** EINPROGRESS is the value -2: the connect goes on, and writability reports its end. */
    @SocketOp(fn = "connect", returnWouldBlock = true, retryOnEintr = false)
    int connectNow(int fd, MemorySegment address, int length) throws IOException;

    // --- files sent to sockets in the kernel: sendfile(2), whose signature differs per OS ------------

    /** {@code open(path, flags, mode)}: the variadic mode as an int (unused without O_CREAT). */
    @SocketOp(fn = "open")
    int open(MemorySegment path, int flags, int mode) throws IOException;

    @Constant("O_RDONLY")
    int oRdonly();

    @Constant("O_CLOEXEC")
    int oCloexec();

    @Layout("off_t")
    ValueLayout.OfLong offTLayout();

    /** Linux: {@code sendfile(socket, file, *offset, count)}; {@code *offset} advances by what was sent. */
    @SocketOp(fn = "sendfile", unavailableOn = "macos-*")
    long sendfile(int socket, int file, MemorySegment offset, long count, @CallState MemorySegment callState)
            throws IOException;

    @SocketOp(fn = "sendfile", returnWouldBlock = true, unavailableOn = "macos-*")
    long sendfileNow(int socket, int file, MemorySegment offset, long count, @CallState MemorySegment callState)
            throws IOException;

    /**
     * macOS: {@code sendfile(file, socket, offset, *length, headersTrailers, flags)}, 0 or -1, with
     * {@code *length} the bytes sent either way (EAGAIN and EINTR may follow a partial send). EINTR is
     * thrown, not retried, so that the caller counts those bytes instead of sending them twice.
     */
    @SocketOp(fn = "sendfile", returnWouldBlock = true, retryOnEintr = false, unavailableOn = "linux-*")
    int sendfileDarwinNow(int file, int socket, long offset, MemorySegment length, MemorySegment headersTrailers,
                          int flags, @CallState MemorySegment callState) throws IOException;

    // --- batched datagrams and UDP offloads (Linux) ------------------------------------------------

    @SocketOp(fn = "sendmmsg", unavailableOn = "macos-*")
    int sendmmsg(int fd, MemorySegment messages, int count, int flags, @CallState MemorySegment callState)
            throws IOException;

    @SocketOp(fn = "sendmmsg", returnWouldBlock = true, unavailableOn = "macos-*")
    int sendmmsgNow(int fd, MemorySegment messages, int count, int flags, @CallState MemorySegment callState)
            throws IOException;

    @SocketOp(fn = "recvmmsg", unavailableOn = "macos-*")
    int recvmmsg(int fd, MemorySegment messages, int count, int flags, MemorySegment timeout,
                 @CallState MemorySegment callState) throws IOException;

    @SocketOp(fn = "recvmmsg", returnWouldBlock = true, unavailableOn = "macos-*")
    int recvmmsgNow(int fd, MemorySegment messages, int count, int flags, MemorySegment timeout,
                    @CallState MemorySegment callState) throws IOException;

    /** {@code struct mmsghdr}: a msghdr and the bytes sent or received for it. */
    @Layout(value = "mmsghdr", unavailableOn = "macos-*")
    StructLayout mmsghdrLayout();

    /** recvmmsg: block for the first datagram only, then take what has arrived. */
    @Constant(value = "MSG_WAITFORONE", unavailableOn = "macos-*")
    int msgWaitforone();

    /** UDP generic segmentation offload: sends are cut into datagrams of this many bytes (0: off). */
    @SockOpt(level = "SOL_UDP", name = "UDP_SEGMENT", unavailableOn = "macos-*")
    void setUdpSegment(int fd, int bytes) throws IOException;

    @SockOpt(level = "SOL_UDP", name = "UDP_SEGMENT", unavailableOn = "macos-*")
    int udpSegment(int fd) throws IOException;

    /** UDP receive coalescing: datagrams of one flow arrive as one, with a UDP_GRO cmsg giving their size. */
    @SockOpt(level = "SOL_UDP", name = "UDP_GRO", unavailableOn = "macos-*")
    void setUdpGro(int fd, boolean on) throws IOException;

    @SockOpt(level = "SOL_UDP", name = "UDP_GRO", unavailableOn = "macos-*")
    boolean udpGro(int fd) throws IOException;

    @Constant(value = "SOL_UDP", unavailableOn = "macos-*")
    int solUdp();

    @Constant(value = "UDP_GRO", unavailableOn = "macos-*")
    int udpGroType();

    // --- readiness: epoll (Linux) -----------------------------------------------------------------

    @SocketOp(fn = "read")
    long read(int fd, MemorySegment buffer, long length) throws IOException;

    @SocketOp(fn = "readv", returnWouldBlock = true)
    long readvNow(int fd, MemorySegment iov, int count, @CallState MemorySegment callState) throws IOException;

    @SocketOp(fn = "writev", returnWouldBlock = true)
    long writevNow(int fd, MemorySegment iov, int count, @CallState MemorySegment callState) throws IOException;

    @SocketOp(fn = "readv")
    long readv(int fd, MemorySegment iov, int count, @CallState MemorySegment callState) throws IOException;

    @SocketOp(fn = "writev")
    long writev(int fd, MemorySegment iov, int count, @CallState MemorySegment callState) throws IOException;

    @SocketOp(fn = "write")
    long write(int fd, MemorySegment buffer, long length) throws IOException;

    @SocketOp(fn = "epoll_create1", unavailableOn = "macos-*")
    int epollCreate1(int flags) throws IOException;

    /** With the caller's call state: a parked wait makes one per wait, which must allocate nothing. */
    @SocketOp(fn = "epoll_ctl", unavailableOn = "macos-*")
    void epollCtl(int epfd, int op, int fd, MemorySegment event, @CallState MemorySegment callState) throws IOException;

    /** EINTR is thrown, not retried: the caller's loop recomputes the remaining timeout. */
    @SocketOp(fn = "epoll_wait", retryOnEintr = false, unavailableOn = "macos-*")
    int epollWait(int epfd, MemorySegment events, int maxEvents, int timeoutMillis, @CallState MemorySegment callState)
            throws IOException;

    @SocketOp(fn = "eventfd", unavailableOn = "macos-*")
    int eventfd(int initialValue, int flags) throws IOException;

    /** {@code struct epoll_event}: packed, 12 bytes, on x86_64; 16 bytes on aarch64. */
    @Layout(value = "epoll_event", unavailableOn = "macos-*")
    StructLayout epollEventLayout();

    @Constant(value = "EPOLL_CLOEXEC", unavailableOn = "macos-*")
    int epollCloexec();

    @Constant(value = "EPOLL_CTL_ADD", unavailableOn = "macos-*")
    int epollCtlAdd();

    @Constant(value = "EPOLL_CTL_MOD", unavailableOn = "macos-*")
    int epollCtlMod();

    @Constant(value = "EPOLL_CTL_DEL", unavailableOn = "macos-*")
    int epollCtlDel();

    @Constant(value = "EPOLLIN", unavailableOn = "macos-*")
    int epollIn();

    @Constant(value = "EPOLLOUT", unavailableOn = "macos-*")
    int epollOut();

    @Constant(value = "EPOLLERR", unavailableOn = "macos-*")
    int epollErr();

    @Constant(value = "EPOLLHUP", unavailableOn = "macos-*")
    int epollHup();

    @Constant(value = "EPOLLRDHUP", unavailableOn = "macos-*")
    int epollRdhup();

    @Constant(value = "EPOLLET", unavailableOn = "macos-*")
    int epollEt();

    @Constant(value = "EPOLLONESHOT", unavailableOn = "macos-*")
    int epollOneshot();

    @Constant(value = "EFD_CLOEXEC", unavailableOn = "macos-*")
    int efdCloexec();

    @Constant(value = "EFD_NONBLOCK", unavailableOn = "macos-*")
    int efdNonblock();

    // --- readiness: kqueue (macOS) ------------------------------------------------------------------

    @SocketOp(fn = "kqueue", unavailableOn = "linux-*")
    int kqueue() throws IOException;

    /** EINTR is thrown, not retried: the caller's loop recomputes the remaining timeout. */
    @SocketOp(fn = "kevent", retryOnEintr = false, unavailableOn = "linux-*")
    int kevent(int kq, MemorySegment changes, int changeCount, MemorySegment events, int eventCount,
               MemorySegment timeout, @CallState MemorySegment callState) throws IOException;

    /** {@code struct kevent}: 32 bytes, packed to 4 on Darwin. */
    @Layout(value = "kevent", unavailableOn = "linux-*")
    StructLayout keventLayout();

    @Layout("timespec")
    StructLayout timespecLayout();

    /** macOS: present, and readiness is kqueue's; Linux: empty (epoll). */
    @Constant("EVFILT_USER")
    OptionalInt evfiltUser();

    @Constant(value = "EVFILT_READ", unavailableOn = "linux-*")
    int evfiltRead();

    @Constant(value = "EVFILT_WRITE", unavailableOn = "linux-*")
    int evfiltWrite();

    @Constant(value = "EV_ADD", unavailableOn = "linux-*")
    int evAdd();

    @Constant(value = "EV_DELETE", unavailableOn = "linux-*")
    int evDelete();

    @Constant(value = "EV_ONESHOT", unavailableOn = "linux-*")
    int evOneshot();

    @Constant(value = "EV_CLEAR", unavailableOn = "linux-*")
    int evClear();

    @Constant(value = "EV_EOF", unavailableOn = "linux-*")
    int evEof();

    @Constant(value = "EV_ERROR", unavailableOn = "linux-*")
    int evError();

    @Constant(value = "NOTE_TRIGGER", unavailableOn = "linux-*")
    int noteTrigger();

    @Constant("O_NONBLOCK")
    int oNonblock();

    @Constant("F_GETFL")
    int fGetfl();

    @Constant("F_SETFL")
    int fSetfl();

    // --- name resolution: EAI_* codes are results, not errno, so nothing is captured --------------

    /** {@code getaddrinfo(node, service, hints, res)}: 0, or an {@code EAI_*} code. */
    @SocketOp(fn = "getaddrinfo", captureErrno = false)
    int getaddrinfo(MemorySegment node, MemorySegment service, MemorySegment hints, MemorySegment result);

    @SocketOp(fn = "freeaddrinfo", captureErrno = false)
    void freeaddrinfo(MemorySegment list);

    /** The C string describing an {@code EAI_*} code; static storage, never freed. */
    @SocketOp(fn = "gai_strerror", captureErrno = false)
    MemorySegment gaiStrerror(int code);

    // --- socket options --------------------------------------------------------------------------

    @SockOpt(level = "SOL_SOCKET", name = "SO_REUSEADDR")
    void setReuseAddress(int fd, boolean on) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_REUSEADDR")
    boolean reuseAddress(int fd) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_ERROR")
    int pendingError(int fd) throws IOException;

    /** macOS: no SIGPIPE for writes to this socket (Linux passes MSG_NOSIGNAL per send instead). */
    @SockOpt(level = "SOL_SOCKET", name = "SO_NOSIGPIPE", unavailableOn = "linux-*")
    void setNoSigpipe(int fd, boolean on) throws IOException;

    @SockOpt(level = "IPPROTO_TCP", name = "TCP_NODELAY")
    void setTcpNoDelay(int fd, boolean on) throws IOException;

    @SockOpt(level = "IPPROTO_TCP", name = "TCP_NODELAY")
    boolean tcpNoDelay(int fd) throws IOException;

    /** In seconds everywhere: macOS's SO_LINGER counts clock ticks, its SO_LINGER_SEC seconds. */
    @SockOpt(level = "SOL_SOCKET", name = "SO_LINGER", nameOn = "macos-*=SO_LINGER_SEC")
    void setLinger(int fd, Linger linger) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_LINGER", nameOn = "macos-*=SO_LINGER_SEC")
    Linger linger(int fd) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_RCVTIMEO")
    void setReceiveTimeout(int fd, Timeval timeout) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_RCVTIMEO")
    Timeval receiveTimeout(int fd) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_SNDTIMEO")
    void setSendTimeout(int fd, Timeval timeout) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_SNDTIMEO")
    Timeval sendTimeout(int fd) throws IOException;

    /** Idle time before keepalive probes, in seconds: TCP_KEEPIDLE on Linux, TCP_KEEPALIVE on macOS. */
    @SockOpt(level = "IPPROTO_TCP", name = "TCP_KEEPIDLE", nameOn = "macos-*=TCP_KEEPALIVE")
    void setKeepAliveIdle(int fd, int seconds) throws IOException;

    @SockOpt(level = "IPPROTO_TCP", name = "TCP_KEEPIDLE", nameOn = "macos-*=TCP_KEEPALIVE")
    int keepAliveIdle(int fd) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_REUSEPORT")
    void setReusePort(int fd, boolean on) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_REUSEPORT")
    boolean reusePort(int fd) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_KEEPALIVE")
    void setKeepAlive(int fd, boolean on) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_KEEPALIVE")
    boolean keepAlive(int fd) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_BROADCAST")
    void setBroadcast(int fd, boolean on) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_BROADCAST")
    boolean broadcast(int fd) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_RCVBUF")
    void setReceiveBuffer(int fd, int bytes) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_RCVBUF")
    int receiveBuffer(int fd) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_SNDBUF")
    void setSendBuffer(int fd, int bytes) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_SNDBUF")
    int sendBuffer(int fd) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_TYPE")
    int socketType(int fd) throws IOException;

    @SockOpt(level = "IPPROTO_TCP", name = "TCP_KEEPINTVL")
    void setKeepAliveInterval(int fd, int seconds) throws IOException;

    @SockOpt(level = "IPPROTO_TCP", name = "TCP_KEEPINTVL")
    int keepAliveInterval(int fd) throws IOException;

    @SockOpt(level = "IPPROTO_TCP", name = "TCP_KEEPCNT")
    void setKeepAliveCount(int fd, int probes) throws IOException;

    @SockOpt(level = "IPPROTO_TCP", name = "TCP_KEEPCNT")
    int keepAliveCount(int fd) throws IOException;

    /** Linux: the queue of pending TFO connections; macOS: on (nonzero) or off. */
    @SockOpt(level = "IPPROTO_TCP", name = "TCP_FASTOPEN")
    void setFastOpen(int fd, int value) throws IOException;

    @SockOpt(level = "IPPROTO_TCP", name = "TCP_FASTOPEN")
    int fastOpen(int fd) throws IOException;

    /** Unsent bytes in the send buffer below which the socket counts as writable. */
    @SockOpt(level = "IPPROTO_TCP", name = "TCP_NOTSENT_LOWAT")
    void setNotSentLowWater(int fd, int bytes) throws IOException;

    @SockOpt(level = "IPPROTO_TCP", name = "TCP_NOTSENT_LOWAT")
    int notSentLowWater(int fd) throws IOException;

    @SockOpt(level = "IPPROTO_TCP", name = "TCP_USER_TIMEOUT", unavailableOn = "macos-*")
    void setUserTimeout(int fd, int millis) throws IOException;

    @SockOpt(level = "IPPROTO_TCP", name = "TCP_USER_TIMEOUT", unavailableOn = "macos-*")
    int userTimeout(int fd) throws IOException;

    @SockOpt(level = "IPPROTO_IP", name = "IP_TOS")
    void setIpTos(int fd, int tos) throws IOException;

    @SockOpt(level = "IPPROTO_IP", name = "IP_TOS")
    int ipTos(int fd) throws IOException;

    @SockOpt(level = "IPPROTO_IPV6", name = "IPV6_TCLASS")
    void setIpv6TrafficClass(int fd, int tclass) throws IOException;

    @SockOpt(level = "IPPROTO_IPV6", name = "IPV6_TCLASS")
    int ipv6TrafficClass(int fd) throws IOException;

    @SockOpt(level = "IPPROTO_IP", name = "IP_TTL")
    void setIpTtl(int fd, int hops) throws IOException;

    @SockOpt(level = "IPPROTO_IP", name = "IP_TTL")
    int ipTtl(int fd) throws IOException;

    @SockOpt(level = "IPPROTO_IPV6", name = "IPV6_UNICAST_HOPS")
    void setIpv6UnicastHops(int fd, int hops) throws IOException;

    @SockOpt(level = "IPPROTO_IPV6", name = "IPV6_UNICAST_HOPS")
    int ipv6UnicastHops(int fd) throws IOException;

    @SockOpt(level = "IPPROTO_IPV6", name = "IPV6_V6ONLY")
    void setIpv6Only(int fd, boolean on) throws IOException;

    @SockOpt(level = "IPPROTO_IPV6", name = "IPV6_V6ONLY")
    boolean ipv6Only(int fd) throws IOException;

    // --- multicast (RFC 3678's protocol-independent requests: an interface index and sockaddrs) -----

    @SockOpt(level = "IPPROTO_IP", name = "MCAST_JOIN_GROUP")
    void joinIpv4Group(int fd, GroupReq request) throws IOException;

    @SockOpt(level = "IPPROTO_IP", name = "MCAST_LEAVE_GROUP")
    void leaveIpv4Group(int fd, GroupReq request) throws IOException;

    @SockOpt(level = "IPPROTO_IP", name = "MCAST_JOIN_SOURCE_GROUP")
    void joinIpv4SourceGroup(int fd, GroupSourceReq request) throws IOException;

    @SockOpt(level = "IPPROTO_IP", name = "MCAST_LEAVE_SOURCE_GROUP")
    void leaveIpv4SourceGroup(int fd, GroupSourceReq request) throws IOException;

    @SockOpt(level = "IPPROTO_IPV6", name = "MCAST_JOIN_GROUP")
    void joinIpv6Group(int fd, GroupReq request) throws IOException;

    @SockOpt(level = "IPPROTO_IPV6", name = "MCAST_LEAVE_GROUP")
    void leaveIpv6Group(int fd, GroupReq request) throws IOException;

    @SockOpt(level = "IPPROTO_IPV6", name = "MCAST_JOIN_SOURCE_GROUP")
    void joinIpv6SourceGroup(int fd, GroupSourceReq request) throws IOException;

    @SockOpt(level = "IPPROTO_IPV6", name = "MCAST_LEAVE_SOURCE_GROUP")
    void leaveIpv6SourceGroup(int fd, GroupSourceReq request) throws IOException;

    @SockOpt(level = "IPPROTO_IP", name = "IP_MULTICAST_TTL")
    void setMulticastTtl(int fd, int hops) throws IOException;

    @SockOpt(level = "IPPROTO_IP", name = "IP_MULTICAST_TTL")
    int multicastTtl(int fd) throws IOException;

    @SockOpt(level = "IPPROTO_IP", name = "IP_MULTICAST_LOOP")
    void setMulticastLoop(int fd, boolean on) throws IOException;

    @SockOpt(level = "IPPROTO_IP", name = "IP_MULTICAST_LOOP")
    boolean multicastLoop(int fd) throws IOException;

    @SockOpt(level = "IPPROTO_IPV6", name = "IPV6_MULTICAST_HOPS")
    void setIpv6MulticastHops(int fd, int hops) throws IOException;

    @SockOpt(level = "IPPROTO_IPV6", name = "IPV6_MULTICAST_HOPS")
    int ipv6MulticastHops(int fd) throws IOException;

    @SockOpt(level = "IPPROTO_IPV6", name = "IPV6_MULTICAST_LOOP")
    void setIpv6MulticastLoop(int fd, boolean on) throws IOException;

    @SockOpt(level = "IPPROTO_IPV6", name = "IPV6_MULTICAST_LOOP")
    boolean ipv6MulticastLoop(int fd) throws IOException;

    /** The outgoing interface of IPv4 multicast, by one of its addresses (0.0.0.0: the route's). */
    @SockOpt(level = "IPPROTO_IP", name = "IP_MULTICAST_IF")
    void setMulticastInterface(int fd, InAddr address) throws IOException;

    @SockOpt(level = "IPPROTO_IP", name = "IP_MULTICAST_IF")
    InAddr multicastInterface(int fd) throws IOException;

    /** The outgoing interface of IPv6 multicast, by index (0: the route's). */
    @SockOpt(level = "IPPROTO_IPV6", name = "IPV6_MULTICAST_IF")
    void setIpv6MulticastInterface(int fd, int index) throws IOException;

    @SockOpt(level = "IPPROTO_IPV6", name = "IPV6_MULTICAST_IF")
    int ipv6MulticastInterface(int fd) throws IOException;

    /** Deliver each datagram's destination address (struct in_pktinfo) to recvmsg; macOS names it IP_RECVPKTINFO. */
    @SockOpt(level = "IPPROTO_IP", name = "IP_PKTINFO", nameOn = "macos-*=IP_RECVPKTINFO")
    void setReceivePacketInfo(int fd, boolean on) throws IOException;

    @SockOpt(level = "IPPROTO_IP", name = "IP_PKTINFO", nameOn = "macos-*=IP_RECVPKTINFO")
    boolean receivePacketInfo(int fd) throws IOException;

    @SockOpt(level = "IPPROTO_IPV6", name = "IPV6_RECVPKTINFO")
    void setReceiveIpv6PacketInfo(int fd, boolean on) throws IOException;

    @SockOpt(level = "IPPROTO_IPV6", name = "IPV6_RECVPKTINFO")
    boolean receiveIpv6PacketInfo(int fd) throws IOException;

    // --- Unix-domain sockets ------------------------------------------------------------------------

    /** Linux: present, and the peer's credentials are {@link #peerCredentials}; macOS: {@link #peerXucred}. */
    @Constant("SO_PEERCRED")
    OptionalInt soPeercred();

    @SockOpt(level = "SOL_SOCKET", name = "SO_PEERCRED", unavailableOn = "macos-*")
    Ucred peerCredentials(int fd) throws IOException;

    @SockOpt(level = "SOL_LOCAL", name = "LOCAL_PEERCRED", unavailableOn = "linux-*")
    Xucred peerXucred(int fd) throws IOException;

    @SockOpt(level = "SOL_LOCAL", name = "LOCAL_PEERPID", unavailableOn = "linux-*")
    int peerPid(int fd) throws IOException;

    @Constant("SCM_RIGHTS")
    int scmRights();

    /** Linux: received descriptors are close-on-exec atomically; elsewhere {@code fcntl} right after. */
    @Constant("MSG_CMSG_CLOEXEC")
    OptionalInt msgCmsgCloexec();

    // --- addresses -------------------------------------------------------------------------------

    @EncodeSockaddr(family = "AF_INET")
    int encodeInet4(MemorySegment destination, byte[] address, int port);

    @EncodeSockaddr(family = "AF_INET6")
    int encodeInet6(MemorySegment destination, byte[] address, int port, int flowInfo, int scopeId);

    @DecodeSockaddr
    InetSocketAddress decodeSockaddr(MemorySegment source);

    /** {@code sockaddr_un}: sun_len where the struct has it (macOS), the path; {@code sun_path}'s size is the limit. */
    @EncodeSockaddr(family = "AF_UNIX")
    int encodeUnix(MemorySegment destination, byte[] path);

    @DecodeSockaddr(family = "AF_UNIX")
    byte[] decodeUnix(MemorySegment source, int length);

    /** The {@code sa_family} of any sockaddr, at the variant's offset and width. */
    @SockaddrFamily
    int sockaddrFamily(MemorySegment source);

    /** Room for any socket address, with its alignment: allocate with {@code arena.allocate(layout)}. */
    @Layout("sockaddr_storage")
    StructLayout sockaddrStorageLayout();

    /** The length argument of accept, getsockname, ...: an {@code int} on every variant, or this fails to build. */
    @Layout("socklen_t")
    ValueLayout.OfInt socklenLayout();

    /** {@code struct addrinfo}: its field order differs (BSD puts ai_canonname before ai_addr). */
    @Layout("addrinfo")
    StructLayout addrinfoLayout();

    /** {@code struct msghdr}: size_t lengths on Linux, int/socklen_t on macOS (56 vs 48 bytes). */
    @Layout("msghdr")
    StructLayout msghdrLayout();

    @Layout("iovec")
    StructLayout iovecLayout();

    @Layout("cmsghdr")
    StructLayout cmsghdrLayout();

    @Layout("in_pktinfo")
    StructLayout inPktinfoLayout();

    @Layout("in6_pktinfo")
    StructLayout in6PktinfoLayout();

    // --- constants -------------------------------------------------------------------------------

    @Constant("AF_INET")
    int afInet();

    @Constant("AF_INET6")
    int afInet6();

    @Constant("AF_UNIX")
    int afUnix();

    @Constant("AF_UNSPEC")
    int afUnspec();

    @Constant("SOCK_STREAM")
    int sockStream();

    @Constant("SOCK_DGRAM")
    int sockDgram();

    @Constant("SOCK_SEQPACKET")
    int sockSeqpacket();

    @Constant("IPPROTO_TCP")
    int ipprotoTcp();

    @Constant("IPPROTO_UDP")
    int ipprotoUdp();

    /** Linux: create sockets close-on-exec atomically; elsewhere {@link #fdCloexec()} after creation. */
    @Constant("SOCK_CLOEXEC")
    OptionalInt sockCloexec();

    /** Linux: accept a connection straight into non-blocking mode; elsewhere it inherits the listener's. */
    @Constant("SOCK_NONBLOCK")
    OptionalInt sockNonblock();

    /** Linux: suppress SIGPIPE per send; elsewhere {@link #setNoSigpipe} per socket. */
    @Constant("MSG_NOSIGNAL")
    OptionalInt msgNoSignal();

    @Constant("F_SETFD")
    int fSetfd();

    @Constant("FD_CLOEXEC")
    int fdCloexec();

    @Constant("SHUT_RD")
    int shutRd();

    @Constant("SHUT_WR")
    int shutWr();

    @Constant("SHUT_RDWR")
    int shutRdwr();

    @Constant("SOMAXCONN")
    int somaxconn();

    @Constant("SOL_SOCKET")
    int solSocket();

    @Constant("IPPROTO_IP")
    int ipprotoIp();

    @Constant("IPPROTO_IPV6")
    int ipprotoIpv6();

    @Constant("MSG_TRUNC")
    int msgTrunc();

    @Constant("MSG_CTRUNC")
    int msgCtrunc();

    @Constant("IP_PKTINFO")
    int ipPktinfo();

    @Constant("IPV6_PKTINFO")
    int ipv6Pktinfo();

    /** CMSG_ALIGN's unit: 8 (sizeof(size_t)) on 64-bit Linux, 4 on Darwin. */
    @Constant("CONDUIT_CMSG_ALIGNMENT")
    int cmsgAlignment();

    /** CMSG_SPACE(0): the aligned control-message header. */
    @Constant("CONDUIT_CMSG_HEADER_SPACE")
    int cmsgHeaderSpace();

    /** CMSG_LEN(0): where a control message's data starts. */
    @Constant("CONDUIT_CMSG_DATA_OFFSET")
    int cmsgDataOffset();

    @Constant("CONDUIT_CMSG_SPACE_INT")
    int cmsgSpaceInt();

    @Constant("F_DUPFD_CLOEXEC")
    int fDupfdCloexec();

    @Constant("AI_NUMERICHOST")
    int aiNumericHost();

    @Constant("EAI_AGAIN")
    int eaiAgain();

    @Constant("EAI_BADFLAGS")
    int eaiBadFlags();

    @Constant("EAI_FAIL")
    int eaiFail();

    @Constant("EAI_FAMILY")
    int eaiFamily();

    @Constant("EAI_MEMORY")
    int eaiMemory();

    @Constant("EAI_NONAME")
    int eaiNoName();

    @Constant("EAI_SERVICE")
    int eaiService();

    @Constant("EAI_SOCKTYPE")
    int eaiSocktype();

    @Constant("EAI_SYSTEM")
    int eaiSystem();

    @Constant("EAI_OVERFLOW")
    int eaiOverflow();

    @Constant("POLLERR")
    int pollErr();

    @Constant("POLLHUP")
    int pollHup();

    @Constant("POLLNVAL")
    int pollNval();

    @Constant("POLLIN")
    int pollIn();

    @Constant("POLLOUT")
    int pollOut();
}
