package dev.conduit.net.sys;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link ReadinessBackend} on {@code poll(2)}, for platforms without epoll or kqueue and for anyone
 * who asks for it ({@code -Ddev.conduit.poller=poll}): portable, O(registrations) per wait, and
 * level-triggered only, and it allocates a little per ready event. A pipe wakes it. One-shot
 * registrations are disarmed once reported, until
 * {@link #modify} re-arms them.
 */
final class PollBackend implements ReadinessBackend {

    private record Registration(int interest, boolean oneShot, long token) {
    }

    private final Posix posix;
    private final StructFields pollfd;
    private final Map<Integer, Registration> registrations = new LinkedHashMap<>(); // guarded by itself
    private final int wakeRead;
    private final int wakeWrite;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment wakeByte = arena.allocate(1);
    private final List<long[]> ready = new ArrayList<>(); // {token, events}; the waiting thread's
    private MemorySegment fds = MemorySegment.NULL; // the waiting thread's
    private int[] fdOrder = new int[0];

    PollBackend(Posix posix) throws IOException {
        this.posix = posix;
        this.pollfd = new StructFields(posix.pollfdLayout());
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment pair = scratch.allocate(ValueLayout.JAVA_INT, 2);
            posix.pipe(pair);
            this.wakeRead = pair.getAtIndex(ValueLayout.JAVA_INT, 0);
            this.wakeWrite = pair.getAtIndex(ValueLayout.JAVA_INT, 1);
        }
        for (int fd : new int[] {wakeRead, wakeWrite}) {
            posix.fcntl(fd, posix.fSetfd(), posix.fdCloexec());
            posix.fcntl(fd, posix.fSetfl(), posix.fcntl(fd, posix.fGetfl(), 0) | posix.oNonblock());
        }
    }

    @Override
    public void add(int fd, int interest, boolean edgeTriggered, boolean oneShot, long token) throws IOException {
        modify(fd, interest, edgeTriggered, oneShot, token);
    }

    @Override
    public void modify(int fd, int interest, boolean edgeTriggered, boolean oneShot, long token) throws IOException {
        if (edgeTriggered) {
            throw new UnsupportedOperationException("the poll(2) fallback is level-triggered only");
        }
        synchronized (registrations) {
            registrations.put(fd, new Registration(interest, oneShot, token));
        }
        wakeup(); // the waiting thread polls the new set
    }

    @Override
    public void remove(int fd) throws IOException {
        synchronized (registrations) {
            registrations.remove(fd);
        }
    }

    @Override
    public int await(int timeoutMillis) throws IOException {
        int count;
        synchronized (registrations) {
            count = registrations.size() + 1;
            long size = pollfd.layout().byteSize();
            if (fds.byteSize() < count * size) {
                fds = arena.allocate(pollfd.layout(), Math.max(count, 16) * 2L);
                fdOrder = new int[(int) (fds.byteSize() / size)];
            }
            int i = 0;
            entry(i++, wakeRead, posix.pollIn());
            for (Map.Entry<Integer, Registration> r : registrations.entrySet()) {
                int events = ((r.getValue().interest() & READ) != 0 ? posix.pollIn() : 0)
                        | ((r.getValue().interest() & WRITE) != 0 ? posix.pollOut() : 0);
                fdOrder[i] = r.getKey();
                entry(i++, r.getKey(), events);
            }
        }
        posix.poll(fds, count, timeoutMillis);
        ready.clear();
        long size = pollfd.layout().byteSize();
        synchronized (registrations) {
            for (int i = 0; i < count; i++) {
                MemorySegment entry = fds.asSlice(i * size, size);
                int revents = (int) pollfd.get(entry, "revents") & 0xffff;
                if (revents == 0) {
                    continue;
                }
                if (i == 0) {
                    drainWakeups();
                    continue;
                }
                Registration r = registrations.get(fdOrder[i]);
                if (r == null) {
                    continue; // removed while we waited
                }
                if ((revents & posix.pollNval()) != 0) {
                    registrations.remove(fdOrder[i]); // closed without being removed: forget it, as epoll does
                    continue;
                }
                ready.add(new long[] {r.token(), readiness(revents)});
                if (r.oneShot()) {
                    registrations.put(fdOrder[i], new Registration(0, true, r.token()));
                }
            }
        }
        return ready.size();
    }

    @Override
    public long token(int index) {
        return ready.get(index)[0];
    }

    @Override
    public int events(int index) {
        return (int) ready.get(index)[1];
    }

    @Override
    public void wakeup() throws IOException {
        try {
            posix.write(wakeWrite, wakeByte, 1);
        } catch (IOException full) {
            // EAGAIN: the pipe is full, so a wake-up is pending anyway
        }
    }

    @Override
    public void close() throws IOException {
        try {
            posix.close(wakeRead);
            posix.close(wakeWrite);
        } finally {
            arena.close();
        }
    }

    private void entry(int index, int fd, int events) {
        long size = pollfd.layout().byteSize();
        MemorySegment entry = fds.asSlice(index * size, size);
        pollfd.set(entry, "fd", fd);
        pollfd.set(entry, "events", events);
        pollfd.set(entry, "revents", 0);
    }

    private int readiness(int revents) {
        int events = 0;
        if ((revents & (posix.pollIn() | posix.pollHup())) != 0) {
            events |= READ;
        }
        if ((revents & posix.pollOut()) != 0) {
            events |= WRITE;
        }
        if ((revents & (posix.pollErr() | posix.pollHup() | posix.pollNval())) != 0) {
            events |= ERROR;
        }
        return events;
    }

    private void drainWakeups() throws IOException {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment sink = scratch.allocate(64);
            while (posix.read(wakeRead, sink, sink.byteSize()) > 0) {
                // keep reading until EAGAIN
            }
        } catch (IOException empty) {
            // EAGAIN: drained
        }
    }
}
