package dev.conduit.net;

import dev.conduit.net.sys.Quoted;
import dev.conduit.net.sys.Sys;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A UDP socket, as {@link java.nio.channels.DatagramChannel} is: datagrams to and from any peer,
 * each with its sender, truncation reported (never silently dropped), and optionally the address
 * it was sent to ({@link ConduitSocketOptions#IP_PKTINFO}); or {@link #connect connected} to one
 * peer, when the ICMP "port unreachable" of a datagram it sent surfaces on a later call as
 * {@link java.net.PortUnreachableException}. Broadcast needs {@code SO_BROADCAST}; multicast groups
 * are joined per interface, from any source or one. An IPv6 socket also serves IPv4. All platforms.
 */
public final class UdpSocket extends TypedSocket {

    private UdpSocket(NativeSocket socket) {
        super(socket);
    }

    /** An unbound socket of {@code family}: the first send binds it to an ephemeral port. */
    public static UdpSocket open(SocketFamily family) throws IOException {
        return new UdpSocket(NativeSocket.open(family, SocketType.DATAGRAM));
    }

    /** Bound to {@code host} (a name's first address, or a literal) and {@code port} (0: ephemeral). */
    public static UdpSocket bind(String host, int port) throws IOException {
        Ports.check(port);
        return bind(new InetSocketAddress(Hosts.resolve(Sys.sockets(), host).getFirst(), port));
    }

    /** Bound to {@code local}: {@code socket(2)}, {@code bind(2)}. */
    public static UdpSocket bind(InetSocketAddress local) throws IOException {
        Objects.requireNonNull(local, "local");
        if (local.isUnresolved()) {
            throw new java.net.UnknownHostException("unresolved address " + Quoted.of(local.getHostString()));
        }
        NativeSocket socket = NativeSocket.open(familyOf(local.getAddress()), SocketType.DATAGRAM);
        try {
            socket.bind(local);
            return new UdpSocket(socket);
        } catch (IOException | RuntimeException failure) {
            socket.closeAfter(failure);
            throw failure;
        }
    }

    /** Sends to and receives from {@code remote} only: {@code connect(2)}. */
    public void connect(InetSocketAddress remote) throws IOException {
        socket.connect(remote);
    }

    /** Sends {@code data} as one datagram to {@code target}: {@code sendto(2)}. */
    public long send(MemorySegment data, SocketAddress target) throws IOException {
        return socket.sendTo(data, target);
    }

    /** Sends {@code data} as one datagram to {@code target}. */
    public int send(byte[] data, SocketAddress target) throws IOException {
        return (int) send(MemorySegment.ofArray(Objects.requireNonNull(data, "data")), target);
    }

    /** Sends {@code data}'s remaining bytes as one datagram to {@code target}; its position advances by what was sent. */
    public int send(ByteBuffer data, SocketAddress target) throws IOException {
        Objects.requireNonNull(data, "data");
        int sent = (int) send(MemorySegment.ofBuffer(data), target);
        data.position(data.position() + sent);
        return sent;
    }

    /** Sends {@code data} as one datagram to the connected peer: {@code send(2)}. */
    public long send(MemorySegment data) throws IOException {
        return socket.write(data);
    }

    /**
     * Receives one datagram into {@code destination}: {@code recvmsg(2)}. A datagram longer than
     * {@code destination} is cut, and the result says so.
     */
    public ReceivedDatagram receive(MemorySegment destination) throws IOException {
        return socket.receiveFrom(destination);
    }

    /** Receives one datagram into {@code destination} from its position, which advances by its length. */
    public ReceivedDatagram receive(ByteBuffer destination) throws IOException {
        Objects.requireNonNull(destination, "destination");
        ReceivedDatagram received = receive(MemorySegment.ofBuffer(destination));
        if (received != null) {
            destination.position(destination.position() + (int) received.length());
        }
        return received;
    }

    /** Receives one datagram into {@code destination}. */
    public ReceivedDatagram receive(byte[] destination) throws IOException {
        return receive(MemorySegment.ofArray(Objects.requireNonNull(destination, "destination")));
    }

    /**
     * Sends {@code data[0 .. count)} as datagrams with one system call, {@code data[i]} to
     * {@code targets[i]} (null: all to the connected peer): see {@link NativeSocket#sendBatch}. Linux.
     *
     * @return how many were sent
     */
    public int sendBatch(DatagramBatch batch, MemorySegment[] data, SocketAddress[] targets, int count)
            throws IOException {
        return socket.sendBatch(batch, data, targets, count);
    }

    /**
     * Receives up to {@code count} datagrams with one system call, into {@code buffers[0 .. count)}:
     * see {@link NativeSocket#receiveBatch}; {@code batch} then tells each one's length, sender and
     * truncation. Linux.
     *
     * @return how many arrived
     */
    public int receiveBatch(DatagramBatch batch, MemorySegment[] buffers, int count) throws IOException {
        return socket.receiveBatch(batch, buffers, count);
    }

    /**
     * Joins {@code group} from any source on {@code networkInterface} (null: the interface the route
     * to the group picks): {@code setsockopt(MCAST_JOIN_GROUP)}.
     */
    public void joinGroup(InetAddress group, NetworkInterface networkInterface) throws IOException {
        socket.membership(true, multicast(group), null, index(networkInterface));
    }

    /** Joins {@code group} for datagrams from {@code source} only: {@code setsockopt(MCAST_JOIN_SOURCE_GROUP)}. */
    public void joinGroup(InetAddress group, InetAddress source, NetworkInterface networkInterface) throws IOException {
        socket.membership(true, multicast(group), Objects.requireNonNull(source, "source"), index(networkInterface));
    }

    /** Leaves a group joined from any source: {@code setsockopt(MCAST_LEAVE_GROUP)}. */
    public void leaveGroup(InetAddress group, NetworkInterface networkInterface) throws IOException {
        socket.membership(false, multicast(group), null, index(networkInterface));
    }

    /** Leaves a source-specific membership: {@code setsockopt(MCAST_LEAVE_SOURCE_GROUP)}. */
    public void leaveGroup(InetAddress group, InetAddress source, NetworkInterface networkInterface) throws IOException {
        socket.membership(false, multicast(group), Objects.requireNonNull(source, "source"), index(networkInterface));
    }

    /** {@code getsockname(2)}. */
    public InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) socket.localAddress();
    }

    /** {@code getpeername(2)}; {@code ENOTCONN} when not connected. */
    public InetSocketAddress remoteAddress() throws IOException {
        return (InetSocketAddress) socket.remoteAddress();
    }

    private static SocketFamily familyOf(InetAddress address) {
        return address instanceof Inet6Address ? SocketFamily.INET6 : SocketFamily.INET;
    }

    private static InetAddress multicast(InetAddress group) {
        if (!Objects.requireNonNull(group, "group").isMulticastAddress()) {
            throw new IllegalArgumentException(group.getHostAddress() + " is not a multicast address");
        }
        return group;
    }

    private static int index(NetworkInterface networkInterface) {
        return networkInterface == null ? 0 : networkInterface.getIndex();
    }
}
