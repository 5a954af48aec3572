package dev.conduit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.conduit.net.TcpListener;
import dev.conduit.net.UdpSocket;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The listener logic in-process, with failures a machine does not readily offer substituted. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EchoListenersTest {

    private static final InetAddress V4 = EchoListeners.LOOPBACKS.get(0);
    private static final InetAddress V6 = EchoListeners.LOOPBACKS.get(1);

    /** The real thing, unless a subclass says otherwise. */
    private static class Real implements EchoListeners.Binder<TcpListener> {
        @Override
        public TcpListener bind(InetSocketAddress local) throws IOException {
            return EchoListeners.TCP.bind(local);
        }

        @Override
        public TcpListener bind(String host, int port) throws IOException {
            return EchoListeners.TCP.bind(host, port);
        }

        @Override
        public List<InetAddress> addresses(String host) throws UnknownHostException {
            return EchoListeners.TCP.addresses(host);
        }

        @Override
        public InetSocketAddress localAddress(TcpListener listener) throws IOException {
            return listener.localAddress();
        }
    }

    private static boolean ipv6Loopback() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(V6, 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The addresses the sockets really have, checked against the ones the result reports. */
    private static <S extends AutoCloseable> List<InetSocketAddress> addresses(EchoListeners.Bound<S> bound,
            EchoListeners.Binder<S> binder) throws IOException {
        List<InetSocketAddress> actual = new java.util.ArrayList<>();
        for (S socket : bound.sockets()) {
            actual.add(binder.localAddress(socket));
        }
        assertEquals(actual, bound.addresses());
        return actual;
    }

    private static List<InetSocketAddress> addresses(EchoListeners.Bound<TcpListener> bound) throws IOException {
        return addresses(bound, EchoListeners.TCP);
    }

    @Test
    void formatsIpv4PlainAndIpv6CompressedInBrackets() throws Exception {
        assertEquals("127.0.0.1:7007", EchoListeners.format(new InetSocketAddress(V4, 7007)));
        assertEquals("[::1]:7007", EchoListeners.format(new InetSocketAddress(V6, 7007)));
        assertEquals("[::]", EchoListeners.format(InetAddress.getByName("::")));
        assertEquals("[2001:db8::1:0:0:1]", EchoListeners.format(InetAddress.getByName("2001:db8:0:0:1:0:0:1")));
        assertEquals("[2001:db8:0:1:1:1:1:1]", EchoListeners.format(InetAddress.getByName("2001:db8:0:1:1:1:1:1")));
        assertEquals("[fe80::]", EchoListeners.format(InetAddress.getByName("fe80:0:0:0:0:0:0:0")));
        byte[] linkLocal = InetAddress.getByName("fe80::1").getAddress();
        assertEquals("[fe80::1%3]", EchoListeners.format(Inet6Address.getByAddress(null, linkLocal, 3)));
    }

    @Test
    void withoutIpv6ServesIpv4WithANote() throws Exception {
        EchoListeners.Binder<TcpListener> noIpv6 = new Real() {
            @Override
            public TcpListener bind(InetSocketAddress local) throws IOException {
                if (local.getAddress() instanceof Inet6Address) {
                    throw new SocketException("socket: EAFNOSUPPORT");
                }
                return super.bind(local);
            }
        };
        EchoListeners.Bound<TcpListener> bound = EchoListeners.open(Optional.empty(), 0, noIpv6);
        try {
            assertEquals(1, bound.sockets().size());
            assertEquals(V4, addresses(bound).getFirst().getAddress());
            assertEquals(1, bound.notes().size(), bound.notes().toString());
            assertTrue(bound.notes().getFirst().matches("note: no IPv6 loopback: cannot listen on \\[::1]:\\d+ "
                    + "\\(socket: EAFNOSUPPORT\\); serving IPv4 only"), bound.notes().getFirst());
        } finally {
            EchoListeners.closeAll(bound.sockets());
        }
    }

    @Test
    void withNeitherLoopbackFails() {
        EchoListeners.Binder<TcpListener> nothing = new Real() {
            @Override
            public TcpListener bind(InetSocketAddress local) throws IOException {
                throw new SocketException("socket: EAFNOSUPPORT");
            }
        };
        EchoListeners.StartupException e = assertThrows(EchoListeners.StartupException.class,
                () -> EchoListeners.open(Optional.empty(), 0, nothing));
        assertTrue(e.getMessage().startsWith("cannot listen on any loopback address"), e.getMessage());
    }

    @Test
    void portZeroIsTheSameOnEveryAddress() throws Exception {
        assumeTrue(ipv6Loopback(), "no IPv6 loopback");
        EchoListeners.Bound<TcpListener> bound = EchoListeners.open(Optional.empty(), 0, new Real());
        try {
            List<InetSocketAddress> addresses = addresses(bound);
            assertEquals(List.of(V4, V6), addresses.stream().map(InetSocketAddress::getAddress).toList());
            assertEquals(addresses.get(0).getPort(), addresses.get(1).getPort());
            assertTrue(bound.notes().isEmpty(), bound.notes().toString());
        } finally {
            EchoListeners.closeAll(bound.sockets());
        }
    }

    @Test
    void portZeroTakenOnALaterAddressStartsOver() throws Exception {
        assumeTrue(ipv6Loopback(), "no IPv6 loopback");
        AtomicInteger refusals = new AtomicInteger();
        EchoListeners.Binder<TcpListener> firstPortTaken = new Real() {
            @Override
            public TcpListener bind(InetSocketAddress local) throws IOException {
                if (local.getAddress() instanceof Inet6Address && local.getPort() != 0 && refusals.getAndIncrement() == 0) {
                    throw new BindException("bind: EADDRINUSE");
                }
                return super.bind(local);
            }
        };
        EchoListeners.Bound<TcpListener> bound = EchoListeners.open(Optional.empty(), 0, firstPortTaken);
        try {
            List<InetSocketAddress> addresses = addresses(bound);
            assertEquals(2, addresses.size());
            assertEquals(addresses.get(0).getPort(), addresses.get(1).getPort());
            assertEquals(2, refusals.get(), "refused once, then bound");
        } finally {
            EchoListeners.closeAll(bound.sockets());
        }
    }

    @Test
    void aGivenPortTakenOnOneAddressFailsAndClosesTheOthers() throws Exception {
        assumeTrue(ipv6Loopback(), "no IPv6 loopback");
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(V6, 0));
            int port = taken.getLocalPort();
            EchoListeners.StartupException e = assertThrows(EchoListeners.StartupException.class,
                    () -> EchoListeners.open(Optional.empty(), port, new Real()));
            assertTrue(e.getMessage().startsWith("cannot listen on [::1]:" + port + ": "), e.getMessage());
            TcpListener.bind(new InetSocketAddress(V4, port)).close(); // free again: the IPv4 listener was closed
        }
    }

    @Test
    void aNameIsServedOnEveryAddressOnOnePort() throws Exception {
        assumeTrue(ipv6Loopback(), "no IPv6 loopback");
        EchoListeners.Binder<TcpListener> dualStackName = new Real() {
            @Override
            public TcpListener bind(String host, int port) throws IOException {
                return super.bind("both.test".equals(host) ? "::1" : host, port);
            }

            @Override
            public List<InetAddress> addresses(String host) throws UnknownHostException {
                return "both.test".equals(host) ? List.of(V4, V6) : super.addresses(host);
            }
        };
        EchoListeners.Bound<TcpListener> bound = EchoListeners.open(Optional.of("both.test"), 0, dualStackName);
        try {
            List<InetSocketAddress> addresses = addresses(bound);
            assertEquals(List.of(V6, V4), addresses.stream().map(InetSocketAddress::getAddress).toList(),
                    "the first from Conduit's resolver, then the others");
            assertEquals(addresses.get(0).getPort(), addresses.get(1).getPort());
        } finally {
            EchoListeners.closeAll(bound.sockets());
        }
    }

    @Test
    void anUnknownHostNamesIt() {
        EchoListeners.StartupException e = assertThrows(EchoListeners.StartupException.class,
                () -> EchoListeners.open(Optional.of("no-such-host.invalid"), 0, new Real()));
        assertTrue(e.getMessage().startsWith("cannot resolve the host: ") && e.getMessage().contains("no-such-host.invalid"),
                e.getMessage());
    }

    @Test
    void udpPortZeroIsTheSameOnEveryLoopback() throws Exception {
        assumeTrue(ipv6Loopback(), "no IPv6 loopback");
        EchoListeners.Bound<UdpSocket> bound = EchoListeners.open(Optional.empty(), 0, EchoListeners.UDP);
        try {
            List<InetSocketAddress> addresses = addresses(bound, EchoListeners.UDP);
            assertEquals(List.of(V4, V6), addresses.stream().map(InetSocketAddress::getAddress).toList());
            assertEquals(addresses.get(0).getPort(), addresses.get(1).getPort());
        } finally {
            EchoListeners.closeAll(bound.sockets());
        }
    }

    @Test
    void aUdpPortTakenOnOneLoopbackFailsAndClosesTheOthers() throws Exception {
        assumeTrue(ipv6Loopback(), "no IPv6 loopback");
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(V6, 0))) {
            int port = taken.getLocalPort();
            EchoListeners.StartupException e = assertThrows(EchoListeners.StartupException.class,
                    () -> EchoListeners.open(Optional.empty(), port, EchoListeners.UDP));
            assertTrue(e.getMessage().startsWith("cannot listen on [::1]:" + port + ": "), e.getMessage());
            UdpSocket.bind(new InetSocketAddress(V4, port)).close(); // free again: the IPv4 socket was closed
        }
    }
}
