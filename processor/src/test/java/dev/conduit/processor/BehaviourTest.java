package dev.conduit.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.io.ByteArrayOutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles an interface with the processor, loads the generated classes and calls them: natively
 * through the linux-x86_64 implementation (on such a machine), and without native calls through the
 * macos-aarch64 one, whose struct writes are plain memory.
 */
class BehaviourTest {

    private static final byte[] LOOPBACK = {127, 0, 0, 1};

    private static NetContract linux;
    private static NetContract macos;

    @BeforeAll
    static void compileAndLoad() {
        Compilation compilation = Compiler.javac().withProcessors(new SocketOpsProcessor()).compile(
                JavaFileObjects.forSourceLines("behave.Net",
                        "package behave;",
                        "",
                        "@dev.conduit.ops.SocketOps(variants = {\"linux-x86_64\", \"macos-aarch64\"},",
                        "        errors = dev.conduit.processor.NetErrors.class)",
                        "public interface Net extends dev.conduit.processor.NetContract {",
                        "}"));
        assertThat(compilation).succeededWithoutWarnings();
        CompiledClasses classes = new CompiledClasses(compilation);
        linux = classes.instance("behave.Net_linux_x86_64", NetContract.class);
        macos = classes.instance("behave.Net_macos_aarch64", NetContract.class);
    }

    private static void assumeLinuxX8664() {
        String arch = System.getProperty("os.arch");
        assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
                && (arch.equals("amd64") || arch.equals("x86_64")), "native calls need a linux-x86_64 machine");
    }

    @Test
    void anyVariantCanBeCreatedAndNamesItself() {
        assertEquals("linux-x86_64", linux.variant());
        assertEquals("macos-aarch64", macos.variant());
    }

    @Test
    void socketAndClose() throws Exception {
        assumeLinuxX8664();
        int fd = linux.socket(linux.afInet(), linux.sockStream(), 0);
        assertTrue(fd >= 0, "fd " + fd);
        linux.close(fd);
    }

    @Test
    void failedCallReachesTheErrorsClassWithTheVariantsErrno() {
        assumeLinuxX8664();
        NetErrors.ErrnoException e = assertThrows(NetErrors.ErrnoException.class, () -> linux.close(-1));
        assertEquals("close", e.function);
        assertEquals("EBADF", e.errnoName);
        assertEquals(linux.ebadf(), e.errno);
        assertEquals(9, e.errno);
    }

    @Test
    void errnoNamesFollowTheVariant() {
        assertEquals("EBADF", linux.errnoName(linux.ebadf()));
        assertEquals("EAGAIN", linux.errnoName(11), "EAGAIN wins over its alias EWOULDBLOCK");
        assertEquals("EAGAIN", macos.errnoName(35));
        assertEquals(35, macos.eagain());
        assertEquals("errno 99999", linux.errnoName(99999));
    }

    @Test
    void variadicCallsWithAndWithoutVariadicArguments() throws Exception {
        assumeLinuxX8664();
        int fd = linux.socket(linux.afInet(), linux.sockStream(), 0);
        try {
            linux.fcntl(fd, linux.fSetfd(), (int) linux.fdCloexec());
            assertEquals(linux.fdCloexec(), linux.fcntl(fd, linux.fGetfd()) & linux.fdCloexec());
            linux.fcntl(fd, linux.fSetfd(), 0);
            assertEquals(0, linux.fcntl(fd, linux.fGetfd()) & linux.fdCloexec());
        } finally {
            linux.close(fd);
        }
        assertThrows(NetErrors.ErrnoException.class, () -> linux.fcntl(-1, linux.fGetfd()));
    }

    @Test
    void criticalCallReturnsTheRawResult() {
        assumeLinuxX8664();
        assertEquals(-1, linux.fcntlRaw(-1, linux.fGetfd()));
    }

    @Test
    void intWidenedToTheBindingsLong() throws Exception {
        assumeLinuxX8664();
        assertEquals(0, linux.poll(MemorySegment.NULL, 0, 0));
        assertEquals(0, linux.pollLong(MemorySegment.NULL, 0L, 0));
    }

    @Test
    void longNarrowedToTheBindingsIntIsRangeChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> macos.pollLong(MemorySegment.NULL, 1L << 40, 0));
        assertEquals("poll: count 1099511627776 does not fit the C int it is passed as on macos-aarch64",
                e.getMessage());
    }

    @Test
    void socketOptions() throws Exception {
        assumeLinuxX8664();
        int fd = linux.socket(linux.afInet(), linux.sockStream(), 0);
        try {
            linux.setReuseAddress(fd, true);
            assertTrue(linux.reuseAddress(fd));
            linux.setReuseAddress(fd, false);
            assertFalse(linux.reuseAddress(fd));
            linux.setReceiveBuffer(fd, 65536);
            assertTrue(linux.receiveBuffer(fd) >= 65536, "SO_RCVBUF " + linux.receiveBuffer(fd));
        } finally {
            linux.close(fd);
        }
        NetErrors.ErrnoException e = assertThrows(NetErrors.ErrnoException.class, () -> linux.reuseAddress(-1));
        assertEquals("getsockopt", e.function);
        assertEquals("EBADF", e.errnoName);
    }

    @Test
    void structOptionsRoundTrip() throws Exception {
        assumeLinuxX8664();
        int fd = linux.socket(linux.afInet(), linux.sockStream(), 0);
        try {
            linux.setLinger(fd, new NetContract.Linger(true, 7));
            assertEquals(new NetContract.Linger(true, 7), linux.linger(fd));
            linux.setLinger(fd, new NetContract.Linger(false, 0));
            assertFalse(linux.linger(fd).l_onoff(), "Linux keeps l_linger when lingering is turned off");
            // 500 ms is a whole number of jiffies at every usual HZ, so it reads back exactly
            linux.setReceiveTimeout(fd, new NetContract.Timeval(2, 500_000));
            assertEquals(new NetContract.Timeval(2, 500_000), linux.receiveTimeout(fd));
        } finally {
            linux.close(fd);
        }
        NetErrors.ErrnoException e = assertThrows(NetErrors.ErrnoException.class, () -> linux.linger(-1));
        assertEquals("getsockopt", e.function);
    }

    /** nameOn: TCP_KEEPIDLE here, TCP_KEEPALIVE in the macOS implementation (see GoldenTest). */
    @Test
    void optionNamedPerVariantRoundTrips() throws Exception {
        assumeLinuxX8664();
        int fd = linux.socket(linux.afInet(), linux.sockStream(), 0);
        try {
            linux.setKeepAliveIdle(fd, 37);
            assertEquals(37, linux.keepAliveIdle(fd));
            linux.setKeepAliveIdle(fd, 7200);
            assertEquals(7200, linux.keepAliveIdle(fd));
            NetErrors.ErrnoException e = assertThrows(NetErrors.ErrnoException.class,
                    () -> linux.setKeepAliveIdle(fd, 0));
            assertEquals("setsockopt", e.function);
            assertEquals("EINVAL", e.errnoName, "Linux takes 1..32767 seconds");
            linux.setLinger(fd, new NetContract.Linger(true, 3));
            assertEquals(new NetContract.Linger(true, 3), linux.lingerSeconds(fd), "plain SO_LINGER on Linux");
        } finally {
            linux.close(fd);
        }
    }

    /**
     * byte[] components carrying nested {@code struct in_addr}s: the kernel takes the membership and, as
     * a group is left once, refuses to leave it again (or one never joined) with EADDRNOTAVAIL.
     */
    @Test
    void ipv4MulticastMembershipThroughIpMreq() throws Exception {
        assumeLinuxX8664();
        byte[] group = {(byte) 239, (byte) 255, 0, 1};
        int fd = linux.socket(linux.afInet(), linux.sockDgram(), 0);
        try {
            NetContract.IpMreq membership = joinOnLoopbackOrAny(fd, group);
            linux.leaveGroup(fd, membership);
            NetErrors.ErrnoException e = assertThrows(NetErrors.ErrnoException.class,
                    () -> linux.leaveGroup(fd, membership));
            assertEquals("setsockopt", e.function);
            assertEquals("EADDRNOTAVAIL", e.errnoName, "left already");
            e = assertThrows(NetErrors.ErrnoException.class, () -> linux.leaveGroup(fd,
                    new NetContract.IpMreq(new byte[] {(byte) 239, (byte) 255, 0, 2}, LOOPBACK)));
            assertEquals("EADDRNOTAVAIL", e.errnoName, "never joined");
            e = assertThrows(NetErrors.ErrnoException.class, () -> linux.joinGroup(fd,
                    new NetContract.IpMreq(LOOPBACK, LOOPBACK)));
            assertEquals("EINVAL", e.errnoName, "127.0.0.1 is no multicast group: the bytes were where the kernel looks");
        } finally {
            linux.close(fd);
        }
    }

    /** Joins {@code group} on 127.0.0.1 or, where lo has no multicast (ENODEV), on INADDR_ANY; else skips. */
    private static NetContract.IpMreq joinOnLoopbackOrAny(int fd, byte[] group) throws Exception {
        NetContract.IpMreq membership = new NetContract.IpMreq(group, LOOPBACK);
        try {
            linux.joinGroup(fd, membership);
            return membership;
        } catch (NetErrors.ErrnoException e) {
            if (!e.errnoName.equals("ENODEV")) {
                throw e;
            }
        }
        membership = new NetContract.IpMreq(group, new byte[4]);
        try {
            linux.joinGroup(fd, membership);
            return membership;
        } catch (NetErrors.ErrnoException e) {
            assumeTrue(false, "the kernel takes no IPv4 multicast membership on 127.0.0.1 (ENODEV) nor on"
                    + " INADDR_ANY (" + e.errnoName + ")");
            throw e;
        }
    }

    /** A byte[] read: the bytes of its field, at its full size, whatever the kernel wrote (here only the first). */
    @Test
    void byteArrayComponentsAreReadAtTheirFieldsOffsetAndSize() throws Exception {
        assumeLinuxX8664();
        int fd = linux.socket(linux.afInet(), linux.sockDgram(), 0);
        try {
            linux.setMulticastInterface(fd, new NetContract.IpMreq(new byte[0], LOOPBACK));
            NetContract.IpMreq read = linux.multicastInterface(fd);
            assertArrayEquals(LOOPBACK, read.imr_multiaddr(), "the in_addr Linux returns");
            assertArrayEquals(new byte[4], read.imr_interface(), "not written: zero as allocated");
            linux.setMulticastInterface(fd, new NetContract.IpMreq(new byte[0], new byte[] {127}));
            assertArrayEquals(new byte[] {127, 0, 0, 0}, linux.multicastInterface(fd).imr_multiaddr(),
                    "a shorter byte[] is copied to the field's start, the rest 0 (127.0.0.0 is lo's too)");
        } finally {
            linux.close(fd);
        }
    }

    @Test
    void ipv6MulticastMembershipThroughIpv6Mreq() throws Exception {
        assumeLinuxX8664();
        int fd;
        try {
            fd = linux.socket(linux.afInet6(), linux.sockDgram(), 0);
        } catch (NetErrors.ErrnoException e) {
            assumeTrue(false, "no IPv6 sockets here: " + e.getMessage());
            throw e;
        }
        try {
            NetContract.Ipv6Mreq membership = new NetContract.Ipv6Mreq(
                    InetAddress.getByName("ff15::1").getAddress(), loIndex());
            try {
                linux.joinGroup6(fd, membership);
            } catch (NetErrors.ErrnoException e) {
                assumeTrue(!e.errnoName.equals("ENODEV") && !e.errnoName.equals("EADDRNOTAVAIL"),
                        "no IPv6 multicast on lo: " + e.getMessage());
                throw e;
            }
            linux.leaveGroup6(fd, membership);
            NetErrors.ErrnoException e = assertThrows(NetErrors.ErrnoException.class,
                    () -> linux.leaveGroup6(fd, membership));
            assertEquals("EADDRNOTAVAIL", e.errnoName, "left already");
        } finally {
            linux.close(fd);
        }
    }

    /** gsr_group and gsr_source: sockaddr_in bytes from an @EncodeSockaddr method, copied into the storage. */
    @Test
    void sourceSpecificMembershipThroughGroupSourceReq() throws Exception {
        assumeLinuxX8664();
        int lo = loIndex();
        byte[] group = sockaddrIn(new byte[] {(byte) 232, 1, 2, 3});
        byte[] source = sockaddrIn(LOOPBACK);
        int fd = linux.socket(linux.afInet(), linux.sockDgram(), 0);
        try {
            NetContract.GroupSourceReq membership = new NetContract.GroupSourceReq(lo, group, source);
            try {
                linux.joinSourceGroup(fd, membership);
            } catch (NetErrors.ErrnoException e) {
                assumeTrue(!e.errnoName.equals("ENODEV"), "no multicast on lo: " + e.getMessage());
                throw e;
            }
            NetErrors.ErrnoException e = assertThrows(NetErrors.ErrnoException.class,
                    () -> linux.joinSourceGroup(fd, membership));
            assertEquals("EADDRNOTAVAIL", e.errnoName, "this source is already joined");
            linux.leaveSourceGroup(fd, membership);
            e = assertThrows(NetErrors.ErrnoException.class, () -> linux.joinSourceGroup(fd,
                    new NetContract.GroupSourceReq(lo, new byte[0], source)));
            assertEquals("EADDRNOTAVAIL", e.errnoName, "gsr_group's family 0 is not AF_INET");
        } finally {
            linux.close(fd);
        }
    }

    /** The index of interface lo (1 as Linux numbers them); skips where there is none. */
    private static int loIndex() throws Exception {
        NetworkInterface lo = NetworkInterface.getByName("lo");
        assumeTrue(lo != null, "no interface lo here");
        return lo.getIndex();
    }

    /** The bytes of the linux-x86_64 {@code sockaddr_in} of {@code address}, port 0. */
    private static byte[] sockaddrIn(byte[] address) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(linux.sockaddrStorage());
            return s.asSlice(0, linux.encodeInet4(s, address, 0)).toArray(ValueLayout.JAVA_BYTE);
        }
    }

    @Test
    void structOptionValuesAreCheckedBeforeAnyCall() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> macos.setReceiveTimeout(-1, new NetContract.Timeval(1, 1L << 40)));
        assertEquals("Timeval.tv_usec 1099511627776 does not fit field tv_usec of struct timeval on macos-aarch64"
                + " (int: -2147483648..2147483647)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> linux.joinGroup(-1,
                new NetContract.IpMreq(new byte[5], new byte[0])));
        assertEquals("IpMreq.imr_multiaddr has 5 bytes, but field imr_multiaddr of struct ip_mreq has 4 on"
                + " linux-x86_64", e.getMessage());
        // macOS declares these unsigned char[128], Linux struct sockaddr_storage: both 128 bytes
        for (NetContract impl : Arrays.asList(linux, macos)) {
            e = assertThrows(IllegalArgumentException.class, () -> impl.joinSourceGroup(-1,
                    new NetContract.GroupSourceReq(0, new byte[128], new byte[129])));
            assertEquals("GroupSourceReq.gsr_source has 129 bytes, but field gsr_source of struct group_source_req"
                    + " has 128 on " + impl.variant(), e.getMessage());
        }
        NullPointerException npe = assertThrows(NullPointerException.class, () -> macos.joinGroup(-1,
                new NetContract.IpMreq(null, new byte[0])));
        assertEquals("IpMreq.imr_multiaddr", npe.getMessage());
        npe = assertThrows(NullPointerException.class, () -> macos.setLinger(-1, null));
        assertEquals("value", npe.getMessage());
    }

    @Test
    void loopbackRoundTrip() throws Exception {
        assumeLinuxX8664();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment address = arena.allocate(linux.sockaddrStorage());
            MemorySegment length = arena.allocateFrom(linux.socklen(), (int) address.byteSize());
            int server = linux.socket(linux.afInet(), linux.sockStream(), 0);
            int client = linux.socket(linux.afInet(), linux.sockStream(), 0);
            int accepted = -1;
            try {
                linux.bind(server, address, linux.encodeInet4(address, LOOPBACK, 0));
                linux.listen(server, 1);
                linux.getsockname(server, address, length);
                InetSocketAddress bound = linux.decode(address);
                assertEquals(InetAddress.getByAddress(LOOPBACK), bound.getAddress());
                assertTrue(bound.getPort() > 0);

                MemorySegment target = arena.allocate(linux.sockaddrStorage());
                linux.connect(client, target, linux.encodeInet4(target, LOOPBACK, bound.getPort()));
                accepted = linux.accept4(server, MemorySegment.NULL, MemorySegment.NULL, 0);

                MemorySegment hello = arena.allocateFrom("hello", StandardCharsets.US_ASCII);
                assertEquals(5, linux.send(client, hello, 5, 0));
                MemorySegment buffer = arena.allocate(16);
                assertEquals(5, linux.recv(accepted, buffer, buffer.byteSize(), 0));
                assertEquals("hello", buffer.getString(0, StandardCharsets.US_ASCII));
            } finally {
                if (accepted >= 0) {
                    linux.close(accepted);
                }
                linux.close(client);
                linux.close(server);
            }
        }
    }

    @Test
    void encodeInet4OnMacosWritesLengthByteFamilyByteAndBigEndianPort() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment dst = arena.allocate(128, 8).fill((byte) 0x55);
            assertEquals(16, macos.encodeInet4(dst, new byte[] {10, 1, 2, 3}, 0x1234));
            byte[] bytes = dst.asSlice(0, 16).toArray(ValueLayout.JAVA_BYTE);
            assertArrayEquals(new byte[] {16, 2, 0x12, 0x34, 10, 1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0}, bytes);
            assertEquals(0x55, dst.get(ValueLayout.JAVA_BYTE, 16), "nothing written past the struct");
        }
    }

    @Test
    void encodeInet4OnLinuxWritesANativeShortFamily() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment dst = arena.allocate(128, 8).fill((byte) 0x55);
            assertEquals(16, linux.encodeInet4(dst, new byte[] {10, 1, 2, 3}, 0x1234));
            assertEquals(2, dst.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0));
            byte[] bytes = dst.asSlice(0, 16).toArray(ValueLayout.JAVA_BYTE);
            assertArrayEquals(new byte[] {2, 0, 0x12, 0x34, 10, 1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0}, bytes);
        }
    }

    @Test
    void encodeInet6AndDecodeItBack() throws Exception {
        byte[] v6 = InetAddress.getByName("2001:db8::1").getAddress();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment dst = arena.allocate(128, 8);
            assertEquals(28, linux.encodeInet6(dst, v6, 443));
            assertEquals(new InetSocketAddress(InetAddress.getByAddress(v6), 443), linux.decode(dst));

            assertEquals(28, macos.encodeInet6(dst, v6, 443));
            assertEquals(28, dst.get(ValueLayout.JAVA_BYTE, 0));
            assertEquals(30, dst.get(ValueLayout.JAVA_BYTE, 1), "AF_INET6 is 30 on macOS");
            assertEquals(new InetSocketAddress(InetAddress.getByAddress(v6), 443), macos.decode(dst));
        }
    }

    /** sin6_flowinfo in network byte order, sin6_scope_id in host (here little-endian) order. */
    @Test
    void encodeInet6WithFlowInfoAndScopeIdInEachVariantsLayout() throws Exception {
        byte[] v6 = InetAddress.getByName("fe80::1").getAddress();
        byte[] tail = {0x12, 0x34, 0x00, 0x0A, (byte) 0xBC, (byte) 0xDE};
        byte[] scope = {7, 0, 0, 0};
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment dst = arena.allocate(128, 8).fill((byte) 0x55);
            assertEquals(28, linux.encodeInet6(dst, v6, 0x1234, 0x000ABCDE, 7));
            assertArrayEquals(concat(new byte[] {10, 0}, tail, v6, scope), dst.asSlice(0, 28).toArray(ValueLayout.JAVA_BYTE));
            assertEquals(new InetSocketAddress(Inet6Address.getByAddress(null, v6, 7), 0x1234), linux.decode(dst));

            dst.fill((byte) 0x55);
            assertEquals(28, macos.encodeInet6(dst, v6, 0x1234, 0x000ABCDE, 7));
            assertArrayEquals(concat(new byte[] {28, 30}, tail, v6, scope), dst.asSlice(0, 28).toArray(ValueLayout.JAVA_BYTE));
            assertEquals(0x55, dst.get(ValueLayout.JAVA_BYTE, 28), "nothing written past the struct");
            assertEquals(new InetSocketAddress(Inet6Address.getByAddress(null, v6, 7), 0x1234), macos.decode(dst));
        }
    }

    @Test
    void ipv6LoopbackRoundTrip() throws Exception {
        assumeLinuxX8664();
        byte[] loopback = InetAddress.getByName("::1").getAddress();
        InetSocketAddress bound = bindAndGetName(loopback, 0);
        assertEquals(InetAddress.getByAddress(loopback), bound.getAddress());
        assertTrue(bound.getPort() > 0);
    }

    /** A link-local address needs its interface's index as sin6_scope_id; getsockname gives it back. */
    @Test
    void ipv6LinkLocalScopeIdRoundTrip() throws Exception {
        assumeLinuxX8664();
        Optional<Inet6Address> linkLocal = NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .flatMap(a -> a instanceof Inet6Address v6 && v6.isLinkLocalAddress() ? Stream.of(v6) : Stream.empty())
                .findFirst();
        assumeTrue(linkLocal.isPresent(), "no IPv6 link-local address on this machine");
        Inet6Address address = linkLocal.get();
        InetSocketAddress bound = bindAndGetName(address.getAddress(), address.getScopeId());
        assertEquals(address.getScopeId(), ((Inet6Address) bound.getAddress()).getScopeId());
        assertEquals(address, bound.getAddress());
    }

    /** Binds a TCP socket to {@code address} (port 0) and returns what getsockname says; skips without IPv6. */
    private static InetSocketAddress bindAndGetName(byte[] address, int scopeId) throws Exception {
        int fd;
        try {
            fd = linux.socket(linux.afInet6(), linux.sockStream(), 0);
        } catch (NetErrors.ErrnoException e) {
            assumeTrue(false, "no IPv6 sockets here: " + e.getMessage());
            throw e;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocate(linux.sockaddrStorage());
            try {
                linux.bind(fd, name, linux.encodeInet6(name, address, 0, 0, scopeId));
            } catch (NetErrors.ErrnoException e) {
                assumeTrue(!e.errnoName.equals("EADDRNOTAVAIL"), "address not available here: " + e.getMessage());
                throw e;
            }
            MemorySegment length = arena.allocateFrom(linux.socklen(), (int) name.byteSize());
            linux.getsockname(fd, name, length);
            return linux.decode(name);
        } finally {
            linux.close(fd);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Where each variant's bindings put the fields of {@code sockaddr_un}, read from the bindings themselves. */
    private record UnixLayout(String variant, long size, long lenOffset, long familyOffset, long familyWidth,
            long pathOffset, long pathSize) {
    }

    private static final UnixLayout LINUX_UNIX = new UnixLayout("linux-x86_64",
            dev.conduit.headers.linux.x86_64.sockaddr_un.sizeof(), -1,
            dev.conduit.headers.linux.x86_64.sockaddr_un.sun_family$offset(),
            dev.conduit.headers.linux.x86_64.sockaddr_un.sun_family$layout().byteSize(),
            dev.conduit.headers.linux.x86_64.sockaddr_un.sun_path$offset(),
            dev.conduit.headers.linux.x86_64.sockaddr_un.sun_path$layout().byteSize());

    private static final UnixLayout MACOS_UNIX = new UnixLayout("macos-aarch64",
            dev.conduit.headers.macos.aarch64.sockaddr_un.sizeof(),
            dev.conduit.headers.macos.aarch64.sockaddr_un.sun_len$offset(),
            dev.conduit.headers.macos.aarch64.sockaddr_un.sun_family$offset(),
            dev.conduit.headers.macos.aarch64.sockaddr_un.sun_family$layout().byteSize(),
            dev.conduit.headers.macos.aarch64.sockaddr_un.sun_path$offset(),
            dev.conduit.headers.macos.aarch64.sockaddr_un.sun_path$layout().byteSize());

    private static NetContract impl(UnixLayout layout) {
        NetContract impl = layout == LINUX_UNIX ? linux : macos;
        assertEquals(layout.variant(), impl.variant());
        return impl;
    }

    @Test
    void unixLayoutsDifferAsTheHeadersSay() {
        assertEquals(2, LINUX_UNIX.familyWidth(), "sa_family_t is a uint16_t on Linux");
        assertEquals(1, MACOS_UNIX.familyWidth(), "and a uint8_t after uint8_t sun_len on macOS");
        assertEquals(0, MACOS_UNIX.lenOffset());
        assertEquals(108, LINUX_UNIX.pathSize());
        assertEquals(104, MACOS_UNIX.pathSize());
    }

    /** A filesystem path: sun_len where there is one, the family at its width, the path, its NUL, zeros. */
    @Test
    void encodeUnixPathInEachVariantsLayout() {
        byte[] path = "/run/conduit.sock".getBytes(StandardCharsets.US_ASCII);
        for (UnixLayout layout : List.of(LINUX_UNIX, MACOS_UNIX)) {
            NetContract impl = impl(layout);
            String variant = impl.variant();
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment dst = arena.allocate(256, 8).fill((byte) 0x55);
                int length = impl.encodeUnix(dst, path);
                assertEquals(layout.pathOffset() + path.length + 1, length, variant);
                assertHeader(layout, dst, length);
                assertArrayEquals(path, dst.asSlice(layout.pathOffset(), path.length).toArray(ValueLayout.JAVA_BYTE),
                        variant);
                assertArrayEquals(new byte[(int) (layout.size() - length + 1)],
                        dst.asSlice(length - 1, layout.size() - length + 1).toArray(ValueLayout.JAVA_BYTE),
                        variant + ": the NUL, then zeros to the end of the struct");
                assertEquals(0x55, dst.get(ValueLayout.JAVA_BYTE, layout.size()), variant + ": nothing written past it");
            }
        }
    }

    /** sun_len (macOS only) is the length returned; the family is AF_UNIX in the field's own width. */
    private static void assertHeader(UnixLayout layout, MemorySegment dst, int length) {
        NetContract impl = impl(layout);
        if (layout.lenOffset() >= 0) {
            assertEquals(length, Byte.toUnsignedInt(dst.get(ValueLayout.JAVA_BYTE, layout.lenOffset())), "sun_len");
        }
        long family = layout.familyWidth() == 2
                ? dst.get(ValueLayout.JAVA_SHORT_UNALIGNED, layout.familyOffset())
                : dst.get(ValueLayout.JAVA_BYTE, layout.familyOffset());
        assertEquals(impl.afUnix(), family, impl.variant() + " sun_family");
    }

    @Test
    void encodeUnixUnnamedIsJustTheHeader() {
        for (UnixLayout layout : List.of(LINUX_UNIX, MACOS_UNIX)) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment dst = arena.allocate(256, 8).fill((byte) 0x55);
                int length = impl(layout).encodeUnix(dst, new byte[0]);
                assertEquals(layout.pathOffset(), length, impl(layout).variant());
                assertHeader(layout, dst, length);
                assertEquals(0, dst.get(ValueLayout.JAVA_BYTE, layout.pathOffset()));
            }
        }
    }

    @Test
    void encodeUnixAbstractNameOnLinuxHasNoNul() {
        byte[] name = {0, 'c', 'o', 'n', 'd', 'u', 'i', 't'};
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment dst = arena.allocate(256, 8).fill((byte) 0x55);
            int length = linux.encodeUnix(dst, name);
            assertEquals(LINUX_UNIX.pathOffset() + name.length, length);
            assertHeader(LINUX_UNIX, dst, length);
            assertArrayEquals(name, dst.asSlice(LINUX_UNIX.pathOffset(), name.length).toArray(ValueLayout.JAVA_BYTE));

            byte[] full = new byte[(int) LINUX_UNIX.pathSize()];
            full[1] = 'x';
            assertEquals(LINUX_UNIX.size(), linux.encodeUnix(dst, full), "an abstract name may fill sun_path");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> linux.encodeUnix(dst, new byte[full.length + 1]));
            assertEquals("an abstract Unix socket name is at most " + full.length + " bytes on linux-x86_64 (sun_path["
                    + full.length + "]): " + (full.length + 1) + " given", e.getMessage());

            e = assertThrows(IllegalArgumentException.class, () -> macos.encodeUnix(dst, name));
            assertEquals("a Unix socket path cannot start with a NUL byte on macos-aarch64: abstract names (a leading"
                    + " NUL) are Linux-only", e.getMessage());
        }
    }

    /** The NUL must fit: sun_path's size less one, named in the message with the variant. */
    @Test
    void encodeUnixRejectsAPathWithoutRoomForItsNul() {
        for (UnixLayout layout : List.of(LINUX_UNIX, MACOS_UNIX)) {
            NetContract impl = impl(layout);
            int limit = (int) layout.pathSize() - 1;
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment dst = arena.allocate(256, 8);
                byte[] longest = new byte[limit];
                Arrays.fill(longest, (byte) 'a');
                assertEquals(layout.size(), impl.encodeUnix(dst, longest), impl.variant());
                assertEquals(0, dst.get(ValueLayout.JAVA_BYTE, layout.size() - 1), "its NUL ends the struct");
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> impl.encodeUnix(dst, Arrays.copyOf(longest, 120)));
                assertEquals("a Unix socket path is at most " + limit + " bytes on " + impl.variant() + " (sun_path["
                        + (limit + 1) + "] with its NUL): 120 given", e.getMessage());
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> linux.encodeUnix(MemorySegment.NULL, new byte[120]));
        assertEquals("an abstract Unix socket name is at most 108 bytes on linux-x86_64 (sun_path[108]): 120 given",
                e.getMessage(), "the length is checked before the destination");
        e = assertThrows(IllegalArgumentException.class,
                () -> linux.encodeUnix(MemorySegment.NULL, Arrays.copyOf(new byte[] {'a'}, 120)));
        assertEquals("a Unix socket path is at most 107 bytes on linux-x86_64 (sun_path[108] with its NUL): 120 given",
                e.getMessage());
    }

    @Test
    void encodeUnixRejectsBadArguments() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment dst = arena.allocate(256, 8);
            NullPointerException npe = assertThrows(NullPointerException.class, () -> linux.encodeUnix(dst, null));
            assertEquals("path", npe.getMessage());
            npe = assertThrows(NullPointerException.class, () -> macos.encodeUnix(null, new byte[0]));
            assertEquals("destination", npe.getMessage());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> linux.encodeUnix(dst, new byte[] {'/', 'a', 0, 'b'}));
            assertEquals("a Unix socket path cannot contain a NUL byte, where the kernel would end it: one at index 2",
                    e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> macos.encodeUnix(arena.allocate(16, 8), new byte[] {'/'}));
            assertEquals("destination has 16 bytes, but struct sockaddr_un needs " + MACOS_UNIX.size()
                    + " on macos-aarch64", e.getMessage());
        }
    }

    @Test
    void decodeUnixReadsBackWhatEachVariantEncoded() {
        byte[] path = "/run/conduit.sock".getBytes(StandardCharsets.US_ASCII);
        for (UnixLayout layout : List.of(LINUX_UNIX, MACOS_UNIX)) {
            NetContract impl = impl(layout);
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment address = arena.allocate(256, 8);
                assertArrayEquals(path, impl.decodeUnix(address, impl.encodeUnix(address, path)), impl.variant());
                assertArrayEquals(path, impl.decodeUnix(address, (int) layout.pathOffset() + path.length),
                        impl.variant() + ": a length that leaves the NUL out (BSD's SUN_LEN)");
                int length = impl.encodeUnix(address, new byte[0]);
                assertArrayEquals(new byte[0], impl.decodeUnix(address, length), impl.variant() + " unnamed");
                byte[] longest = new byte[(int) layout.pathSize() - 1];
                Arrays.fill(longest, (byte) 'a');
                assertArrayEquals(longest, impl.decodeUnix(address, impl.encodeUnix(address, longest)), impl.variant());
            }
        }
        byte[] name = {0, 'c', 'o', 'n', 'd', 'u', 'i', 't', 0, 'x'};
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment address = arena.allocate(256, 8);
            assertArrayEquals(name, linux.decodeUnix(address, linux.encodeUnix(address, name)),
                    "an abstract name whole, NUL bytes and all");
        }
    }

    /** Linux reports sun_path's offset + strlen + 1 for a path filling sun_path: one byte past the struct. */
    @Test
    void decodeUnixReadsNoFurtherThanSunPath() {
        byte[] full = new byte[(int) LINUX_UNIX.pathSize()];
        Arrays.fill(full, (byte) 'a');
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment address = arena.allocate(LINUX_UNIX.size(), 8);
            address.set(ValueLayout.JAVA_SHORT, LINUX_UNIX.familyOffset(), (short) linux.afUnix());
            MemorySegment.copy(full, 0, address, ValueLayout.JAVA_BYTE, LINUX_UNIX.pathOffset(), full.length);
            assertArrayEquals(full, linux.decodeUnix(address, (int) LINUX_UNIX.size() + 1));
        }
    }

    /** xnu's unnamed address (sun_noname): a 16-byte sockaddr of zeros but its length and family. */
    @Test
    void decodeUnixOfMacosUnnamedSocketIsEmpty() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment address = arena.allocate(256, 8);
            address.set(ValueLayout.JAVA_BYTE, MACOS_UNIX.lenOffset(), (byte) 16);
            address.set(ValueLayout.JAVA_BYTE, MACOS_UNIX.familyOffset(), (byte) macos.afUnix());
            assertArrayEquals(new byte[0], macos.decodeUnix(address, 16), "no abstract names on macOS");
        }
    }

    @Test
    void decodeUnixRejectsBadArguments() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment address = arena.allocate(256, 8);
            int length = linux.encodeInet4(address, LOOPBACK, 80);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> linux.decodeUnix(address, length));
            assertEquals("not an AF_UNIX address on linux-x86_64: family 2 (AF_UNIX is 1)", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> macos.decodeUnix(address, -1));
            assertEquals("length -1 is negative", e.getMessage());
            MemorySegment small = arena.allocate(8, 8);
            e = assertThrows(IllegalArgumentException.class, () -> macos.decodeUnix(small, 20));
            assertEquals("source has 8 bytes, but length says the address has 20 on macos-aarch64", e.getMessage());
            assertArrayEquals(new byte[0], macos.decodeUnix(small, (int) MACOS_UNIX.pathOffset()));
            assertArrayEquals(new byte[0], linux.decodeUnix(small, 0), "recvfrom from an unnamed peer reports 0");
            assertEquals("source", assertThrows(NullPointerException.class, () -> linux.decodeUnix(null, 0))
                    .getMessage());
        }
    }

    /** The family at each variant's offset and width, whichever struct the address is. */
    @Test
    void familyOfAnyAddressInEachVariantsLayout() throws Exception {
        byte[] v6 = InetAddress.getByName("2001:db8::1").getAddress();
        for (NetContract impl : List.of(linux, macos)) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment address = arena.allocate(impl.sockaddrStorage()).fill((byte) 0x55);
                impl.encodeInet4(address, LOOPBACK, 80);
                assertEquals(impl.afInet(), impl.family(address), impl.variant());
                impl.encodeInet6(address, v6, 80);
                assertEquals(impl.afInet6(), impl.family(address), impl.variant());
                impl.encodeUnix(address, new byte[] {'/'});
                assertEquals(impl.afUnix(), impl.family(address), impl.variant());
                long offset = impl == linux ? dev.conduit.headers.linux.x86_64.sockaddr.sa_family$offset()
                        : dev.conduit.headers.macos.aarch64.sockaddr.sa_family$offset();
                long width = impl == linux ? dev.conduit.headers.linux.x86_64.sockaddr.sa_family$layout().byteSize()
                        : dev.conduit.headers.macos.aarch64.sockaddr.sa_family$layout().byteSize();
                address.fill((byte) 0).set(ValueLayout.JAVA_BYTE, offset, (byte) 7);
                assertEquals(7, impl.family(address), impl.variant() + ": at sa_family's offset");
                address.fill((byte) 0xFF);
                assertEquals((1 << (8 * width)) - 1, impl.family(address), impl.variant() + ": unsigned, at its width");
            }
        }
        assertEquals("source", assertThrows(NullPointerException.class, () -> macos.family(null)).getMessage());
    }

    /** bind through the encoder; getsockname reports the same address, and the decoder the same path. */
    @Test
    void unixPathBindRoundTrip(@TempDir Path dir) throws Exception {
        assumeLinuxX8664();
        byte[] path = dir.resolve("conduit.sock").toString().getBytes(StandardCharsets.UTF_8);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment address = arena.allocate(linux.sockaddrStorage());
            int fd = linux.socket(linux.afUnix(), linux.sockStream(), 0);
            try {
                int encoded = linux.encodeUnix(address, path);
                linux.bind(fd, address, encoded);
                MemorySegment name = arena.allocate(linux.sockaddrStorage());
                int length = unixName(fd, name);
                assertEquals(encoded, length, "the kernel counts the NUL too");
                assertEquals(linux.afUnix(), linux.family(name));
                assertArrayEquals(address.asSlice(0, encoded).toArray(ValueLayout.JAVA_BYTE),
                        name.asSlice(0, encoded).toArray(ValueLayout.JAVA_BYTE));
                assertArrayEquals(path, linux.decodeUnix(name, length));
            } finally {
                linux.close(fd);
            }
        }
    }

    @Test
    void unixAbstractNameBindRoundTrip() throws Exception {
        assumeLinuxX8664();
        byte[] name = ("\0conduit-" + ProcessHandle.current().pid() + "-" + System.nanoTime())
                .getBytes(StandardCharsets.US_ASCII);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment address = arena.allocate(linux.sockaddrStorage());
            int fd = linux.socket(linux.afUnix(), linux.sockStream(), 0);
            try {
                linux.bind(fd, address, linux.encodeUnix(address, name));
                MemorySegment bound = arena.allocate(linux.sockaddrStorage());
                int length = unixName(fd, bound);
                assertEquals(LINUX_UNIX.pathOffset() + name.length, length);
                assertArrayEquals(name, linux.decodeUnix(bound, length));
            } finally {
                linux.close(fd);
            }
        }
    }

    /** An unbound socket's name is just the family; bind to the unnamed address autobinds an abstract one. */
    @Test
    void unixUnnamedAndAutobind() throws Exception {
        assumeLinuxX8664();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment address = arena.allocate(linux.sockaddrStorage());
            int fd = linux.socket(linux.afUnix(), linux.sockStream(), 0);
            try {
                int length = unixName(fd, address);
                assertEquals(LINUX_UNIX.pathOffset(), length);
                assertArrayEquals(new byte[0], linux.decodeUnix(address, length));
                linux.bind(fd, address, linux.encodeUnix(address, new byte[0]));
                byte[] autobound = linux.decodeUnix(address, unixName(fd, address));
                assertEquals(6, autobound.length, "a NUL and five hex digits");
                assertEquals(0, autobound[0]);
            } finally {
                linux.close(fd);
            }
        }
    }

    /** getsockname into {@code name}; returns the length the kernel reported. */
    private static int unixName(int fd, MemorySegment name) throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment length = arena.allocateFrom(linux.socklen(), (int) name.byteSize());
            linux.getsockname(fd, name, length);
            return length.get(linux.socklen(), 0);
        }
    }

    @Test
    void encodeRejectsBadArguments() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment dst = arena.allocate(128, 8);
            NullPointerException npe = assertThrows(NullPointerException.class,
                    () -> linux.encodeInet4(null, LOOPBACK, 80));
            assertEquals("destination", npe.getMessage());
            npe = assertThrows(NullPointerException.class, () -> linux.encodeInet4(dst, null, 80));
            assertEquals("address", npe.getMessage());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> linux.encodeInet4(dst, new byte[16], 80));
            assertEquals("an AF_INET address has 4 bytes, not 16", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> linux.encodeInet4(dst, LOOPBACK, 65536));
            assertEquals("port 65536 is outside 0..65535", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> linux.encodeInet4(dst, LOOPBACK, -1));
            e = assertThrows(IllegalArgumentException.class,
                    () -> linux.encodeInet4(arena.allocate(8, 8), LOOPBACK, 80));
            assertEquals("destination has 8 bytes, but struct sockaddr_in needs 16 on linux-x86_64", e.getMessage());
        }
    }

    @Test
    void decodeRejectsOtherFamilies() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment src = arena.allocate(128, 8);
            src.set(ValueLayout.JAVA_SHORT, 0, (short) linux.afUnix());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> linux.decode(src));
            assertEquals("unsupported socket address family 1 on linux-x86_64: expected AF_INET (2) or AF_INET6 (10)",
                    e.getMessage());
        }
    }

    @Test
    void unavailableOperationsThrowNamingTheVariant() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> macos.accept4(0, MemorySegment.NULL, MemorySegment.NULL, 0));
        assertEquals("accept4 is not available on macos-aarch64", e.getMessage());
        e = assertThrows(UnsupportedOperationException.class, () -> linux.setNoSigpipe(0, true));
        assertEquals("SO_NOSIGPIPE is not available on linux-x86_64", e.getMessage());
        e = assertThrows(UnsupportedOperationException.class, () -> linux.soNoSigpipe());
        assertEquals("SO_NOSIGPIPE is not available on linux-x86_64", e.getMessage());
        assertEquals(0x1022, macos.soNoSigpipe());
    }

    @Test
    void constants() {
        assertEquals(OptionalInt.of(0x80000), linux.sockCloexec());
        assertEquals(OptionalInt.empty(), macos.sockCloexec());
        assertEquals(1L, linux.fdCloexec());
        assertEquals(10, linux.afInet6());
        assertEquals(0x4000, linux.noSigpipe(), "MSG_NOSIGNAL");
        assertEquals(0x1022, macos.noSigpipe(), "nameOn macos-*=SO_NOSIGPIPE");
        assertEquals(30, macos.afInet6());
    }

    @Test
    void layoutsAreEachVariantsOwn() {
        for (NetContract impl : Arrays.asList(linux, macos)) {
            String variant = impl.variant();
            StructLayout storage = impl.sockaddrStorage();
            assertEquals(128, storage.byteSize(), variant);
            assertEquals(8, storage.byteAlignment(), variant);
            assertEquals(Optional.of("sockaddr_storage"), storage.name(), variant);
            assertEquals(16, impl.sockaddrIn().byteSize(), variant);
            assertEquals(4, impl.socklen().byteSize(), variant);
        }
        // where the variants differ
        assertEquals(Optional.of("ss_family"), linux.sockaddrStorage().memberLayouts().getFirst().name());
        assertEquals(Optional.of("ss_len"), macos.sockaddrStorage().memberLayouts().getFirst().name());
        assertEquals(8, linux.nfds().byteSize());
        assertEquals(4, macos.nfds().byteSize());
        assertEquals(2, macos.inPort().byteSize());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> linux.inPort());
        assertEquals("in_port_t is not available on linux-x86_64", e.getMessage());
    }

    /**
     * macOS packs {@code group_source_req} to 4 (its char[128] members right after the int), Linux aligns its
     * sockaddr_storage members to 8: the layout of each implementation is its own bindings'.
     */
    @Test
    void groupSourceReqIsPackedOnMacosOnly() {
        StructLayout mac = macos.groupSourceReq();
        StructLayout lin = linux.groupSourceReq();
        assertEquals(dev.conduit.headers.macos.aarch64.group_source_req.layout(), mac);
        assertEquals(dev.conduit.headers.linux.x86_64.group_source_req.layout(), lin);
        assertEquals(dev.conduit.headers.macos.aarch64.group_source_req.gsr_group$offset(), offset(mac, "gsr_group"));
        assertEquals(dev.conduit.headers.linux.x86_64.group_source_req.gsr_group$offset(), offset(lin, "gsr_group"));
        for (StructLayout l : Arrays.asList(mac, lin)) {
            assertEquals(0, offset(l, "gsr_interface"));
            assertEquals(offset(l, "gsr_group") + 128, offset(l, "gsr_source"));
            assertEquals(offset(l, "gsr_source") + 128, l.byteSize());
        }
        assertEquals(Integer.BYTES, offset(mac, "gsr_group"), "pack(4): no padding after gsr_interface");
        assertEquals(8, offset(lin, "gsr_group"), "sockaddr_storage's alignment pads gsr_interface");
        assertEquals(260, mac.byteSize());
        assertEquals(264, lin.byteSize());
    }

    private static long offset(StructLayout layout, String field) {
        return layout.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }

    @Test
    void generatedClassesAreFinalWithOnlyThePublicNoArgumentConstructor() throws Exception {
        for (NetContract impl : Arrays.asList(linux, macos)) {
            Class<?> type = impl.getClass();
            assertTrue(java.lang.reflect.Modifier.isFinal(type.getModifiers()));
            assertTrue(java.lang.reflect.Modifier.isPublic(type.getModifiers()));
            assertEquals(1, type.getConstructors().length);
            assertEquals(0, type.getConstructor().getParameterCount());
        }
    }
}
