package golden;

import dev.conduit.ops.CallState;
import dev.conduit.ops.CallStateLayout;
import dev.conduit.ops.Constant;
import dev.conduit.ops.DecodeSockaddr;
import dev.conduit.ops.EncodeSockaddr;
import dev.conduit.ops.Layout;
import dev.conduit.ops.SockOpt;
import dev.conduit.ops.SockaddrFamily;
import dev.conduit.ops.SocketOp;
import dev.conduit.ops.SocketOps;
import dev.conduit.ops.Struct;
import dev.conduit.ops.VariantName;
import java.io.IOException;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.util.OptionalInt;

/** The input of the golden test: a few operations of each kind, for a Linux and a macOS variant. */
@SocketOps(variants = {"linux-x86_64", "macos-aarch64"}, errors = GoldenErrors.class)
public interface GoldenOps {

    @VariantName
    String variant();

    @SocketOp(fn = "socket")
    int socket(int domain, int type, int protocol) throws IOException;

    @SocketOp(fn = "accept4", unavailableOn = "macos-*")
    int accept4(int fd, MemorySegment address, MemorySegment length, int flags) throws IOException;

    /** Non-blocking: EAGAIN is SocketOp.WOULD_BLOCK; errno lands in the caller's segment, nothing is allocated. */
    @SocketOp(fn = "recv", returnWouldBlock = true)
    long recv(int fd, MemorySegment buffer, long length, int flags, @CallState MemorySegment callState)
            throws IOException;

    /** Non-blocking connect: EINPROGRESS is SocketOp.WOULD_BLOCK, so it returns int (0 when connected). */
    @SocketOp(fn = "connect", retryOnEintr = false, returnWouldBlock = true)
    int connect(int fd, MemorySegment address, int length) throws IOException;

    @CallStateLayout
    StructLayout callStateLayout();

    @SockOpt(level = "SOL_SOCKET", name = "SO_ERROR")
    int socketError(int fd, @CallState MemorySegment state) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_REUSEADDR")
    void setReuseAddress(int fd, boolean on) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_RCVBUF")
    int receiveBuffer(int fd) throws IOException;

    @Struct("linger")
    record Linger(boolean l_onoff, int l_linger) {
    }

    @Struct("timeval")
    record Timeval(long tv_sec, long tv_usec) {
    }

    @Struct("ip_mreq")
    record IpMreq(byte[] imr_multiaddr, byte[] imr_interface) {
    }

    /** sockaddr_storage members on Linux, unsigned char[128] on macOS. */
    @Struct("group_source_req")
    record GroupSourceReq(int gsr_interface, byte[] gsr_group, byte[] gsr_source) {
    }

    @SockOpt(level = "SOL_SOCKET", name = "SO_LINGER", nameOn = "macos-*=SO_LINGER_SEC")
    Linger linger(int fd) throws IOException;

    @SockOpt(level = "IPPROTO_TCP", name = "TCP_KEEPIDLE", nameOn = "macos-*=TCP_KEEPALIVE")
    void setKeepAliveIdle(int fd, int seconds) throws IOException;

    @SockOpt(level = "IPPROTO_IP", name = "IP_ADD_MEMBERSHIP")
    void joinGroup(int fd, IpMreq membership) throws IOException;

    @SockOpt(level = "IPPROTO_IP", name = "MCAST_JOIN_SOURCE_GROUP")
    void joinSourceGroup(int fd, GroupSourceReq membership) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_RCVTIMEO")
    void setReceiveTimeout(int fd, Timeval value) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_RCVTIMEO")
    Timeval receiveTimeout(int fd) throws IOException;

    @Constant("AF_INET")
    int afInet();

    @Constant("MSG_NOSIGNAL")
    OptionalInt msgNoSignal();

    /** The keepalive idle time's option, TCP_KEEPALIVE on macOS. */
    @Constant(value = "TCP_KEEPIDLE", nameOn = "macos-*=TCP_KEEPALIVE")
    int tcpKeepIdle();

    @EncodeSockaddr(family = "AF_INET")
    int encodeInet4(MemorySegment destination, byte[] address, int port);

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

    @Layout("sockaddr_storage")
    StructLayout sockaddrStorage();

    @Layout("socklen_t")
    ValueLayout.OfInt socklen();
}
