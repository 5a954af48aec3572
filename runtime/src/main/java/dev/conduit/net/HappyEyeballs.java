package dev.conduit.net;

import dev.conduit.net.sys.Quoted;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Connects to the first of several addresses that answers, as RFC 8305 (Happy Eyeballs v2) asks:
 * the addresses in the resolver's order with the families interleaved, a new attempt started
 * every {@code stagger} (250 ms by default) or as soon as one fails, the first connection kept and
 * every other attempt closed. Each attempt runs on a virtual thread, whose connect parks rather
 * than blocks, so waiting costs no platform thread and pins nothing.
 */
final class HappyEyeballs {

    /** RFC 8305 section 5: the recommended "Connection Attempt Delay". */
    static final Duration STAGGER = Duration.ofMillis(250);

    private record Outcome(NativeSocket socket, InetSocketAddress address, IOException failure) {
    }

    private HappyEyeballs() {
    }

    static TcpStream connect(String host, List<InetAddress> addresses, int port, Duration stagger)
            throws IOException {
        Deque<InetSocketAddress> pending = new ArrayDeque<>();
        for (InetAddress address : interleaved(addresses)) {
            pending.add(new InetSocketAddress(address, port));
        }
        int attempts = pending.size();
        LinkedBlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
        List<NativeSocket> started = new ArrayList<>();
        List<IOException> failures = new ArrayList<>();
        int running = 0;
        try {
            while (true) {
                if (running == 0 && pending.isEmpty()) {
                    throw allFailed(host, port, attempts, failures);
                }
                if (!pending.isEmpty()) {
                    started.add(start(pending.poll(), outcomes));
                    running++;
                }
                // wait for an outcome, but no longer than the stagger while addresses remain
                Outcome outcome = pending.isEmpty() ? outcomes.take()
                        : outcomes.poll(stagger.toNanos(), TimeUnit.NANOSECONDS);
                while (outcome != null) {
                    running--;
                    if (outcome.failure() == null) {
                        started.remove(outcome.socket());
                        return new TcpStream(outcome.socket());
                    }
                    failures.add(outcome.failure());
                    outcome = outcomes.poll(); // more may have finished meanwhile
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while connecting to " + Quoted.of(host));
        } finally {
            for (NativeSocket loser : started) {
                closeQuietly(loser); // wakes its parked connect, which then reports the close
            }
        }
    }

    /** RFC 8305 section 4: alternate the families, starting with the resolver's first. */
    static List<InetAddress> interleaved(List<InetAddress> addresses) {
        if (addresses.isEmpty()) {
            return addresses;
        }
        boolean firstIs6 = addresses.getFirst() instanceof Inet6Address;
        Deque<InetAddress> first = new ArrayDeque<>();
        Deque<InetAddress> second = new ArrayDeque<>();
        for (InetAddress a : addresses) {
            ((a instanceof Inet6Address) == firstIs6 ? first : second).add(a);
        }
        List<InetAddress> order = new ArrayList<>(addresses.size());
        while (!first.isEmpty() || !second.isEmpty()) {
            if (!first.isEmpty()) {
                order.add(first.poll());
            }
            if (!second.isEmpty()) {
                order.add(second.poll());
            }
        }
        return order;
    }

    private static NativeSocket start(InetSocketAddress address, LinkedBlockingQueue<Outcome> outcomes)
            throws IOException {
        NativeSocket socket = NativeSocket.open(address.getAddress() instanceof Inet6Address
                ? SocketFamily.INET6 : SocketFamily.INET, SocketType.STREAM);
        Thread.ofVirtual().name("connect " + address).start(() -> {
            try {
                socket.connect(address);
                outcomes.add(new Outcome(socket, address, null));
            } catch (IOException e) {
                closeQuietly(socket);
                outcomes.add(new Outcome(socket, address, e));
            }
        });
        return socket;
    }

    private static ConnectException allFailed(String host, int port, int attempts, List<IOException> failures) {
        if (failures.size() == 1 && failures.getFirst() instanceof ConnectException only) {
            return only;
        }
        List<String> reasons = failures.stream().map(Throwable::getMessage).toList();
        ConnectException all = new ConnectException("connect to " + Quoted.of(host) + " port " + port
                + " failed for each of its " + attempts + " addresses: " + String.join("; ", reasons));
        failures.forEach(all::addSuppressed);
        return all;
    }

    private static void closeQuietly(NativeSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the attempt is abandoned; its descriptor is released regardless
        }
    }
}
