package dev.conduit.net;

import dev.conduit.net.sys.Quoted;
import dev.conduit.net.sys.Sys;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A connected TCP stream, as {@link java.nio.channels.SocketChannel} is. Reads are serialized with
 * each other, and so are writes, as in the JDK: two threads calling {@link #writeAll} never
 * interleave their bytes, and a read and a write may run at once. All platforms.
 */
public final class TcpStream implements AutoCloseable {

    private final NativeSocket socket;
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();

    TcpStream(NativeSocket socket) {
        this.socket = socket;
    }

    /**
     * Connects to {@code host} (a name, or an IPv4 or IPv6 literal) on {@code port}, trying every
     * address the name resolves to in the resolver's order until one connects.
     *
     * @throws java.net.UnknownHostException when {@code host} does not resolve, naming the reason
     * @throws ConnectException when every address failed; it lists each address with its failure,
     *     and carries each failure as a suppressed exception
     */
    public static TcpStream connect(String host, int port) throws IOException {
        Ports.check(port);
        List<InetAddress> addresses = Hosts.resolve(Sys.sockets(), host);
        List<IOException> failures = new ArrayList<>();
        for (InetAddress address : addresses) {
            try {
                return connect(new InetSocketAddress(address, port));
            } catch (IOException failure) {
                failures.add(failure);
            }
        }
        if (failures.size() == 1) {
            throw failures.getFirst();
        }
        List<String> reasons = failures.stream().map(Throwable::getMessage).toList();
        ConnectException all = new ConnectException("connect to " + Quoted.of(host) + " port " + port
                + " failed for each of its " + addresses.size() + " addresses: " + String.join("; ", reasons));
        failures.forEach(all::addSuppressed);
        throw all;
    }

    /** Connects to {@code remote}: {@code socket(2)} of its family, {@code connect(2)}. */
    public static TcpStream connect(InetSocketAddress remote) throws IOException {
        Objects.requireNonNull(remote, "remote");
        if (remote.isUnresolved()) {
            throw new java.net.UnknownHostException("unresolved address " + Quoted.of(remote.getHostString()));
        }
        SocketFamily family = remote.getAddress() instanceof Inet6Address ? SocketFamily.INET6 : SocketFamily.INET;
        NativeSocket socket = NativeSocket.open(family, SocketType.STREAM);
        try {
            socket.connect(remote);
            return new TcpStream(socket);
        } catch (IOException | RuntimeException failure) {
            TcpListener.closeAfter(socket, failure);
            throw failure;
        }
    }

    /** Reads what has arrived into {@code destination}: see {@link NativeSocket#read(byte[], int, int)}; -1 at end of stream. */
    public int read(byte[] destination, int offset, int length) throws IOException {
        return locked(readLock, () -> socket.read(destination, offset, length));
    }

    /** {@link #read(byte[], int, int)} into the whole array. */
    public int read(byte[] destination) throws IOException {
        return read(destination, 0, destination.length);
    }

    /** Reads into {@code destination} from its position: see {@link NativeSocket#read(ByteBuffer)}. */
    public int read(ByteBuffer destination) throws IOException {
        return locked(readLock, () -> socket.read(destination));
    }

    /** Reads into {@code destination}: see {@link NativeSocket#read(MemorySegment)}. */
    public long read(MemorySegment destination) throws IOException {
        return locked(readLock, () -> socket.read(destination));
    }

    /** Writes what fits now: see {@link NativeSocket#write(MemorySegment)}. */
    public long write(MemorySegment source) throws IOException {
        return locked(writeLock, () -> socket.write(source));
    }

    /** Writes from {@code source}'s position: see {@link NativeSocket#write(ByteBuffer)}. */
    public int write(ByteBuffer source) throws IOException {
        return locked(writeLock, () -> socket.write(source));
    }

    /** Writes all of {@code source}, as one unit with respect to other writers. */
    public void writeAll(MemorySegment source) throws IOException {
        Objects.requireNonNull(source, "source");
        locked(writeLock, () -> {
            MemorySegment rest = source;
            do { // at least once, so an empty write still fails on a closed socket
                rest = rest.asSlice(socket.write(rest));
            } while (rest.byteSize() > 0);
            return null;
        });
    }

    /** Writes all of {@code source}, as one unit with respect to other writers. */
    public void writeAll(byte[] source) throws IOException {
        writeAll(MemorySegment.ofArray(Objects.requireNonNull(source, "source")));
    }

    /** Half-closes: the peer reads end of stream and can still send back; {@code shutdown(SHUT_WR)}. */
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Stops receiving: later reads see end of stream; {@code shutdown(SHUT_RD)}. */
    public void shutdownInput() throws IOException {
        socket.shutdownInput();
    }

    /** {@code getsockname(2)}. */
    public InetSocketAddress localAddress() throws IOException {
        return socket.localAddress();
    }

    /** {@code getpeername(2)}; an IPv4 client of an IPv6 listener is reported as IPv4. */
    public InetSocketAddress remoteAddress() throws IOException {
        return socket.remoteAddress();
    }

    /** Sets an option; see {@link NativeSocket#setOption} for the options and platforms. */
    public <T> void setOption(SocketOption<T> option, T value) throws IOException {
        socket.setOption(option, value);
    }

    /** Reads an option; see {@link NativeSocket#setOption}. */
    public <T> T getOption(SocketOption<T> option) throws IOException {
        return socket.getOption(option);
    }

    /** The socket underneath, for calls this type does not offer; its reads and writes are not serialized with this stream's. */
    public NativeSocket socket() {
        return socket;
    }

    /** Closes: see {@link NativeSocket#close()}. Wakes blocked reads and writes. Idempotent. */
    @Override
    public void close() throws IOException {
        socket.close();
    }

    public boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public String toString() {
        return "TcpStream[" + socket + "]";
    }

    @FunctionalInterface
    private interface Io<T> {
        T run() throws IOException;
    }

    private static <T> T locked(ReentrantLock lock, Io<T> io) throws IOException {
        lock.lock();
        try {
            return io.run();
        } finally {
            lock.unlock();
        }
    }
}
