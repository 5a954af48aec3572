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

    /**
     * No option of today's bindings takes a struct with nested fields ({@code ip_mreq} comes later), so this
     * stands in: {@code sockaddr_in} is 16 bytes like linux-x86_64's {@code timeval}, its {@code sin_family}
     * overlays the low bytes of {@code tv_sec} and its {@code sin_zero} array {@code tv_usec}.
     */
    @Struct("sockaddr_in")
    record TimevalOverlay(short sin_family, byte[] sin_addr, byte[] sin_zero) {
    }

    @SockOpt(level = "SOL_SOCKET", name = "SO_LINGER")
    void setLinger(int fd, Linger value) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_LINGER")
    Linger linger(int fd) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_RCVTIMEO")
    void setReceiveTimeout(int fd, Timeval value) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_RCVTIMEO")
    Timeval receiveTimeout(int fd) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_SNDTIMEO")
    void setSendTimeoutOverlay(int fd, TimevalOverlay value) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_SNDTIMEO")
    TimevalOverlay sendTimeoutOverlay(int fd) throws IOException;

    /** Another name on Linux: a stand-in for TCP_KEEPIDLE/TCP_KEEPALIVE, which today's bindings lack. */
    @SockOpt(level = "SOL_SOCKET", name = "SO_SNDBUF", nameOn = "linux-*=SO_RCVBUF")
    int receiveBufferOnLinux(int fd) throws IOException;

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

    /** {@code OfLong} on Linux, {@code OfInt} on macOS: only a common supertype fits both. */
    @Layout("nfds_t")
    ValueLayout nfds();

    @Layout(value = "in_port_t", unavailableOn = "linux-*")
    MemoryLayout inPort();
}
