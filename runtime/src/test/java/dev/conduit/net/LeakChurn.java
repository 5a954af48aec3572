package dev.conduit.net;

import dev.conduit.net.sys.GlibcMalloc;
import dev.conduit.net.sys.LinuxProcFs;
import dev.conduit.net.sys.Sys;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;

/**
 * The churn {@link NoLeakTest} runs in a child JVM of its own (interpreted, serial GC, so the JVM's
 * own native memory holds still): failing calls and resolutions in {@code PHASES} phases, printing
 * after each one line {@code phase <n> fds <open descriptors> native <bytes malloc has out>}.
 */
public final class LeakChurn {

    static final int PHASES = 4;
    private static final Path TOO_LONG = Path.of("/tmp", "x".repeat(200));
    private static final int ROUNDS = 1_000;
    private static final int RESOLUTIONS = 5;

    private LeakChurn() {
    }

    public static void main(String[] args) throws IOException {
        int closedPort;
        try (TcpListener listener = TcpListener.bind("127.0.0.1", 0)) {
            closedPort = listener.localAddress().getPort();
        }
        for (int phase = 0; phase < PHASES; phase++) {
            for (int i = 0; i < ROUNDS; i++) {
                failEveryWay(closedPort);
            }
            System.gc(); // runs the Cleaner of anything left unreachable
            System.out.println("phase " + phase + " fds " + LinuxProcFs.openDescriptors() + " native "
                    + GlibcMalloc.inUseBytes());
        }
    }

    private static void failEveryWay(int closedPort) throws IOException {
        for (int i = 0; i < RESOLUTIONS; i++) {
            Hosts.resolve(Sys.sockets(), "localhost"); // each a getaddrinfo list, which must be freed
            Hosts.resolve(Sys.sockets(), "::1");
        }
        expect(UnknownHostException.class, () -> TcpStream.connect("256.1.1.1", 80));
        expect(UnknownHostException.class, () -> TcpStream.connect("::g", 80));
        expect(UnknownHostException.class, () -> TcpStream.connect("bad\0host", 80));
        expect(ConnectException.class, () -> TcpStream.connect("127.0.0.1", closedPort));
        expect(IllegalArgumentException.class, () -> TcpStream.connect("127.0.0.1", -1));
        expect(IllegalArgumentException.class, () -> UnixListener.bind(TOO_LONG));
        try (UdpSocket udp = UdpSocket.bind("127.0.0.1", 0); Arena arena = Arena.ofConfined()) {
            expect(ErrnoException.class, () -> udp.send(arena.allocate(70_000), udp.localAddress()));
            UnixStream[] pair = UnixStream.pair();
            try (UnixStream a = pair[0]; UnixStream b = pair[1]) {
                int fd = udp.socket().fd();
                a.send(arena.allocate(1), fd, fd, fd); // three descriptors, room for one: all closed on arrival
                expect(TruncatedControlDataException.class, () -> b.receive(arena.allocate(1), 1));
            }
        }
        try (NativeSocket socket = NativeSocket.open(SocketFamily.INET, SocketType.STREAM)) {
            expect(IllegalArgumentException.class, () -> socket.setOption(StandardSocketOptions.IP_TOS, 999));
            expect(IllegalStateException.class, () -> socket.listen(1));
            expect(IllegalArgumentException.class, () -> socket.bind(new InetSocketAddress(Ipv6Test.LOOPBACK6, 0)));
        }
    }

    @FunctionalInterface
    private interface Failing {
        void run() throws Exception;
    }

    private static void expect(Class<? extends Exception> type, Failing call) {
        try {
            call.run();
        } catch (Exception e) {
            if (type.isInstance(e)) {
                return;
            }
            throw new IllegalStateException("expected " + type.getSimpleName() + ", got " + e, e);
        }
        throw new IllegalStateException("expected " + type.getSimpleName() + ", nothing was thrown");
    }
}
