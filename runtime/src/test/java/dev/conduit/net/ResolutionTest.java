package dev.conduit.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.conduit.net.sys.Sys;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hosts as users write them: literals parsed strictly, names through the platform's getaddrinfo. */
@Timeout(30)
class ResolutionTest {

    @Test
    void localhostResolvesAsTheJdkResolvesIt() throws IOException {
        List<InetAddress> ours = Hosts.resolve(Sys.sockets(), "localhost");
        List<InetAddress> jdk = List.of(InetAddress.getAllByName("localhost"));
        assertEquals(new java.util.HashSet<>(jdk), new java.util.HashSet<>(ours));
        assertEquals(ours.size(), ours.stream().distinct().count(), "no duplicates");
    }

    @Test
    void literalsNeedNoLookup() throws IOException {
        assertEquals(List.of(InetAddress.getByName("127.0.0.1")), Hosts.resolve(Sys.sockets(), "127.0.0.1"));
        assertEquals(List.of(InetAddress.getByName("::1")), Hosts.resolve(Sys.sockets(), "::1"));
        assertEquals(List.of(InetAddress.getByName("::1")), Hosts.resolve(Sys.sockets(), "[::1]"));
        assertEquals(List.of(InetAddress.getByName("2001:db8::ff00:42:8329")),
                Hosts.resolve(Sys.sockets(), "2001:0db8:0000:0000:0000:ff00:0042:8329"));
    }

    @Test
    void ipv6ScopeIdIsKept() throws IOException {
        InetAddress linkLocal = Hosts.resolve(Sys.sockets(), "fe80::1%1").getFirst();
        assertEquals(1, assertInstanceOf(Inet6Address.class, linkLocal).getScopeId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "0x7f.0.0.1", "1.2.3.4 ", "1..3.4",
        "123", "1.2.3.4."})
    void malformedIpv4LiteralsAreUnknownHosts(String host) {
        UnknownHostException e = assertThrows(UnknownHostException.class, () -> Hosts.resolve(Sys.sockets(), host));
        assertTrue(e.getMessage().startsWith("\"" + host + "\" is not an IPv4 address"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"::g", "[::1", "::1]", "[]", "[127.0.0.1]", "1:2:3:4:5:6:7:8:9", ":::", "fe80::1%"})
    void malformedIpv6LiteralsAreUnknownHosts(String host) {
        UnknownHostException e = assertThrows(UnknownHostException.class, () -> Hosts.resolve(Sys.sockets(), host));
        assertTrue(e.getMessage().contains("\"" + host.replace("[", "").replace("]", "")) || e.getMessage().contains("\"" + host + "\""),
                e.getMessage());
    }

    @Test
    void unknownNameCarriesTheResolversReason() {
        UnknownHostException e = assertThrows(UnknownHostException.class,
                () -> Hosts.resolve(Sys.sockets(), "no-such-host.invalid"));
        assertTrue(e.getMessage().startsWith("\"no-such-host.invalid\": "), e.getMessage());
        assertTrue(e.getMessage().contains("(getaddrinfo: EAI_"), e.getMessage());
    }

    @Test
    void embeddedNulIsRefusedBeforeC() {
        UnknownHostException e = assertThrows(UnknownHostException.class,
                () -> Hosts.resolve(Sys.sockets(), "localhost\0.evil"));
        assertEquals("\"localhost\\u0000.evil\" contains a NUL character", e.getMessage());
    }

    @Test
    void emptyAndNullHosts() {
        assertThrows(UnknownHostException.class, () -> Hosts.resolve(Sys.sockets(), ""));
        assertThrows(NullPointerException.class, () -> Hosts.resolve(Sys.sockets(), null));
        assertThrows(NullPointerException.class, () -> TcpStream.connect((String) null, 80));
        assertThrows(NullPointerException.class, () -> TcpListener.bind((String) null, 0));
    }

    @Test
    void hugeHostIsQuotedShortInMessages() {
        String host = "a".repeat(10_000) + "\n" + "forged log line";
        UnknownHostException e = assertThrows(UnknownHostException.class, () -> TcpStream.connect(host, 80));
        assertTrue(e.getMessage().length() < 400, e.getMessage().length() + " chars");
        assertTrue(e.getMessage().contains("(10016 chars)"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void connectByNameTriesEveryAddressAndReportsEachFailure() throws IOException {
        int closedPort;
        try (TcpListener listener = TcpListener.bind("127.0.0.1", 0)) {
            closedPort = listener.localAddress().getPort();
        }
        // localhost here is 127.0.0.1, maybe ::1 too: with nothing listening, every address refuses
        IOException e = assertThrows(ConnectException.class, () -> TcpStream.connect("localhost", closedPort));
        assertTrue(e.getMessage().contains("ECONNREFUSED"), e.getMessage());
        int addresses = Hosts.resolve(Sys.sockets(), "localhost").size();
        if (addresses > 1) {
            assertEquals(addresses, e.getSuppressed().length);
            assertTrue(e.getMessage().contains("failed for each of its " + addresses + " addresses"), e.getMessage());
        }
    }

    @Test
    void connectByNameFallsThroughToTheAddressThatListens() throws IOException {
        assumeTrue(Ipv6Test.hasIpv6Loopback(), "skipped: this kernel has no ::1");
        // a name is not needed to test the fall-through: an IPv6 listener refuses nothing here, so use
        // the order the resolver gives for localhost and listen on its last address only
        List<InetAddress> addresses = Hosts.resolve(Sys.sockets(), "localhost");
        InetAddress last = addresses.getLast();
        try (TcpListener listener = TcpListener.bind(new java.net.InetSocketAddress(last, 0));
                TcpStream client = TcpStream.connect("localhost", listener.localAddress().getPort());
                TcpStream _ = listener.accept()) {
            assertEquals(last, client.remoteAddress().getAddress());
        }
    }

    @Test
    void portsOutOfRange() {
        for (int port : new int[] {-1, 65536, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TcpStream.connect("127.0.0.1", port));
            assertEquals("port out of range 0..65535: " + port, e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> TcpListener.bind("127.0.0.1", port));
        }
    }
}
