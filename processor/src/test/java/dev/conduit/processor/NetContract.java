package dev.conduit.processor;

import dev.conduit.ops.Constant;
import dev.conduit.ops.DecodeSockaddr;
import dev.conduit.ops.EncodeSockaddr;
import dev.conduit.ops.ErrnoName;
import dev.conduit.ops.Layout;
import dev.conduit.ops.SockOpt;
import dev.conduit.ops.SockaddrFamily;
import dev.conduit.ops.SocketOp;
import dev.conduit.ops.Struct;
import dev.conduit.ops.VariantName;
import java.io.IOException;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.util.OptionalInt;

/**
 * The operations {@link BehaviourTest} runs. The {@code @SocketOps} interface the test compiles
 * extends this one, so the processor reads these methods (and their annotations) from class files,
 * and the test calls the generated classes through this type.
 */
public interface NetContract {

    @VariantName
    String variant();

    @ErrnoName
    String errnoName(int errno);

    @SocketOp(fn = "socket")
    int socket(int domain, int type, int protocol) throws IOException;

    @SocketOp(fn = "bind")
    void bind(int fd, MemorySegment address, int length) throws IOException;

    @SocketOp(fn = "listen")
    void listen(int fd, int backlog) throws IOException;

    @SocketOp(fn = "accept")
    int accept(int fd, MemorySegment address, MemorySegment length) throws IOException;

    @SocketOp(fn = "accept4", unavailableOn = "macos-*")
    int accept4(int fd, MemorySegment address, MemorySegment length, int flags) throws IOException;

    @SocketOp(fn = "connect", retryOnEintr = false)
    void connect(int fd, MemorySegment address, int length) throws IOException;

    @SocketOp(fn = "getsockname")
    void getsockname(int fd, MemorySegment address, MemorySegment length) throws IOException;

    @SocketOp(fn = "send")
    long send(int fd, MemorySegment buffer, long length, int flags) throws IOException;

    @SocketOp(fn = "recv")
    long recv(int fd, MemorySegment buffer, long length, int flags) throws IOException;

    @SocketOp(fn = "close", retryOnEintr = false)
    void close(int fd) throws IOException;

    /** Variadic with no variadic argument. */
    @SocketOp(fn = "fcntl")
    int fcntl(int fd, int cmd) throws IOException;

    /** Variadic with an int. */
    @SocketOp(fn = "fcntl")
    int fcntl(int fd, int cmd, int arg) throws IOException;

    /** Critical, so no errno: -1 comes back as it is. */
    @SocketOp(fn = "fcntl", critical = true, captureErrno = false)
    int fcntlRaw(int fd, int cmd);

    /** {@code nfds_t} is a long on Linux: the int is widened. */
    @SocketOp(fn = "poll")
    int poll(MemorySegment fds, int count, int timeoutMillis) throws IOException;

    /** {@code nfds_t} is an int on macOS: the long is range-checked. */
    @SocketOp(fn = "poll")
    int pollLong(MemorySegment fds, long count, int timeoutMillis) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_REUSEADDR")
    void setReuseAddress(int fd, boolean on) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_REUSEADDR")
    boolean reuseAddress(int fd) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_RCVBUF")
    void setReceiveBuffer(int fd, int bytes) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_RCVBUF")
    int receiveBuffer(int fd) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_NOSIGPIPE", unavailableOn = "linux-*")
    void setNoSigpipe(int fd, boolean on) throws IOException;

    @Struct("linger")
    record Linger(boolean l_onoff, int l_linger) {
    }

    /** {@code long tv_usec} fits Linux's long and, range-checked, macOS's int. */
    @Struct("timeval")
    record Timeval(long tv_sec, long tv_usec) {
    }

    /** Two nested {@code struct in_addr}: each a byte[] of at most 4. */
    @Struct("ip_mreq")
    record IpMreq(byte[] imr_multiaddr, byte[] imr_interface) {
    }

    /** {@code ipv6mr_interface} is an {@code int} on Linux, an {@code unsigned int} (jextract: int) on macOS. */
    @Struct("ipv6_mreq")
    record Ipv6Mreq(byte[] ipv6mr_multiaddr, int ipv6mr_interface) {
    }

    /**
     * {@code gsr_group} and {@code gsr_source} are {@code struct sockaddr_storage} on Linux (so {@code gsr_group}
     * at 8) and {@code unsigned char[128]} in macOS's pack(4) struct (at 4): a byte[] carries either.
     */
    @Struct("group_source_req")
    record GroupSourceReq(int gsr_interface, byte[] gsr_group, byte[] gsr_source) {
    }

    @SockOpt(level = "SOL_SOCKET", name = "SO_LINGER")
    void setLinger(int fd, Linger value) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_LINGER")
    Linger linger(int fd) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_RCVTIMEO")
    void setReceiveTimeout(int fd, Timeval value) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_RCVTIMEO")
    Timeval receiveTimeout(int fd) throws IOException;

    @SockOpt(level = "IPPROTO_IP", name = "IP_ADD_MEMBERSHIP")
    void joinGroup(int fd, IpMreq membership) throws IOException;

    @SockOpt(level = "IPPROTO_IP", name = "IP_DROP_MEMBERSHIP")
    void leaveGroup(int fd, IpMreq membership) throws IOException;

    /**
     * Linux's getsockopt(IP_MULTICAST_IF) writes a {@code struct in_addr}, the interface's address: into an
     * {@code ip_mreq} that is {@code imr_multiaddr}'s place, and {@code imr_interface} stays as allocated.
     */
    @SockOpt(level = "IPPROTO_IP", name = "IP_MULTICAST_IF")
    IpMreq multicastInterface(int fd) throws IOException;

    /** Linux (since 3.5) also takes an {@code ip_mreq} here, whose {@code imr_interface} it uses. */
    @SockOpt(level = "IPPROTO_IP", name = "IP_MULTICAST_IF")
    void setMulticastInterface(int fd, IpMreq value) throws IOException;

    @SockOpt(level = "IPPROTO_IPV6", name = "IPV6_JOIN_GROUP")
    void joinGroup6(int fd, Ipv6Mreq membership) throws IOException;

    @SockOpt(level = "IPPROTO_IPV6", name = "IPV6_LEAVE_GROUP")
    void leaveGroup6(int fd, Ipv6Mreq membership) throws IOException;

    @SockOpt(level = "IPPROTO_IP", name = "MCAST_JOIN_SOURCE_GROUP")
    void joinSourceGroup(int fd, GroupSourceReq membership) throws IOException;

    @SockOpt(level = "IPPROTO_IP", name = "MCAST_LEAVE_SOURCE_GROUP")
    void leaveSourceGroup(int fd, GroupSourceReq membership) throws IOException;

    /** One portable method for the keepalive idle time: TCP_KEEPALIVE is its name on macOS. */
    @SockOpt(level = "IPPROTO_TCP", name = "TCP_KEEPIDLE", nameOn = "macos-*=TCP_KEEPALIVE")
    void setKeepAliveIdle(int fd, int seconds) throws IOException;

    @SockOpt(level = "IPPROTO_TCP", name = "TCP_KEEPIDLE", nameOn = "macos-*=TCP_KEEPALIVE")
    int keepAliveIdle(int fd) throws IOException;

    /** macOS's SO_LINGER counts ticks, SO_LINGER_SEC seconds (as Linux's SO_LINGER does). */
    @SockOpt(level = "SOL_SOCKET", name = "SO_LINGER", nameOn = "macos-*=SO_LINGER_SEC")
    Linger lingerSeconds(int fd) throws IOException;

    /** What suppresses SIGPIPE: a send flag on Linux, a socket option on macOS. */
    @Constant(value = "MSG_NOSIGNAL", nameOn = "macos-*=SO_NOSIGPIPE")
    int noSigpipe();

    @Constant("AF_INET")
    int afInet();

    @Constant("AF_INET6")
    int afInet6();

    @Constant("AF_UNIX")
    int afUnix();

    @Constant("SOCK_STREAM")
    int sockStream();

    @Constant("SOCK_DGRAM")
    int sockDgram();

    @Constant("F_GETFD")
    int fGetfd();

    @Constant("F_SETFD")
    int fSetfd();

    @Constant("FD_CLOEXEC")
    long fdCloexec();

    @Constant("EBADF")
    int ebadf();

    @Constant("EAGAIN")
    int eagain();

    @Constant("SOCK_CLOEXEC")
    OptionalInt sockCloexec();

    @Constant(value = "SO_NOSIGPIPE", unavailableOn = "linux-*")
    int soNoSigpipe();

    @EncodeSockaddr(family = "AF_INET")
    int encodeInet4(MemorySegment destination, byte[] address, int port);

    @EncodeSockaddr(family = "AF_INET6")
    int encodeInet6(MemorySegment destination, byte[] address, int port);

    @EncodeSockaddr(family = "AF_INET6")
    int encodeInet6(MemorySegment destination, byte[] address, int port, int flowInfo, int scopeId);

    @DecodeSockaddr
    InetSocketAddress decode(MemorySegment source);

    @EncodeSockaddr(family = "AF_UNIX")
    int encodeUnix(MemorySegment destination, byte[] path);

    @DecodeSockaddr(family = "AF_UNIX")
    byte[] decodeUnix(MemorySegment source, int length);

    @SockaddrFamily
    int family(MemorySegment source);

    @Layout("sockaddr_in")
    GroupLayout sockaddrIn();

    /** jextract declares a GroupLayout: the generated method casts. */
    @Layout("sockaddr_storage")
    StructLayout sockaddrStorage();

    @Layout("socklen_t")
    ValueLayout.OfInt socklen();

    @Layout("group_source_req")
    StructLayout groupSourceReq();

    /** {@code OfLong} on Linux, {@code OfInt} on macOS: only a common supertype fits both. */
    @Layout("nfds_t")
    ValueLayout nfds();

    @Layout(value = "in_port_t", unavailableOn = "linux-*")
    MemoryLayout inPort();
}
