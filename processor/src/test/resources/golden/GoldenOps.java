package golden;

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

    @SockOpt(level = "SOL_SOCKET", name = "SO_LINGER")
    Linger linger(int fd) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_RCVTIMEO")
    void setReceiveTimeout(int fd, Timeval value) throws IOException;

    @SockOpt(level = "SOL_SOCKET", name = "SO_RCVTIMEO")
    Timeval receiveTimeout(int fd) throws IOException;

    @Constant("AF_INET")
    int afInet();

    @Constant("MSG_NOSIGNAL")
    OptionalInt msgNoSignal();

    /** What suppresses SIGPIPE: a send flag on Linux, a socket option on macOS. */
    @Constant(value = "MSG_NOSIGNAL", nameOn = "macos-*=SO_NOSIGPIPE")
    int noSigpipe();

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
