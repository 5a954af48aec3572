package dev.conduit.net;

import dev.conduit.net.sys.SocketSystem;
import dev.conduit.net.sys.Sys;
import java.net.SocketAddress;
import java.util.Objects;

/**
 * Native arrays for sending or receiving many datagrams with one system call
 * ({@code sendmmsg(2)}, {@code recvmmsg(2)}): see {@link UdpSocket#sendBatch} and
 * {@link UdpSocket#receiveBatch}. After a call it holds that call's result for each datagram it
 * handled. Reused from call to call, a batch makes those calls allocate nothing: its arrays of
 * {@code struct mmsghdr}, {@code iovec} and socket addresses are written in place, and a target
 * address is encoded again only when another {@link SocketAddress} object is given for that entry.
 * One call at a time may use a batch. Its native memory is freed when it becomes unreachable.
 * Linux only.
 */
public final class DatagramBatch {

    final SocketSystem.MessageBatch natives;

    private DatagramBatch(SocketSystem.MessageBatch natives) {
        this.natives = natives;
    }

    /**
     * A batch for up to {@code capacity} datagrams a call. The kernel handles at most 1,024 a call
     * ({@code UIO_MAXIOV}); the calls return how many they handled. Linux only.
     *
     * @throws IllegalArgumentException when {@code capacity} is below 1
     * @throws UnsupportedOperationException on a platform without {@code sendmmsg}/{@code recvmmsg}, naming it
     */
    public static DatagramBatch allocate(int capacity) {
        return new DatagramBatch(Sys.sockets().newMessageBatch(capacity));
    }

    /** How many datagrams one call with this batch can handle. */
    public int capacity() {
        return natives.capacity();
    }

    /**
     * The bytes of datagram {@code i} the last call handled: stored in its buffer after a receive
     * (at most the buffer's size), sent after a send.
     */
    public long length(int i) {
        return natives.length(Objects.checkIndex(i, capacity()));
    }

    /** Whether received datagram {@code i} was longer than its buffer, so its end was dropped ({@code MSG_TRUNC}). */
    public boolean truncated(int i) {
        return natives.truncated(Objects.checkIndex(i, capacity()));
    }

    /**
     * Where received datagram {@code i} came from: an {@link java.net.InetSocketAddress} (an
     * IPv4-mapped sender as IPv4); null where the kernel reported none. Made on each call.
     */
    public SocketAddress sender(int i) {
        return natives.sender(Objects.checkIndex(i, capacity()));
    }

    /**
     * For a socket with {@link ConduitSocketOptions#UDP_GRO} on: the size of the datagrams the
     * kernel coalesced into received entry {@code i} (each but the last has exactly this many
     * bytes), or 0 when the entry is one datagram as sent.
     */
    public int segmentSize(int i) {
        return natives.segmentSize(Objects.checkIndex(i, capacity()));
    }
}
