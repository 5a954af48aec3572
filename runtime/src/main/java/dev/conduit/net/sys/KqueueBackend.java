package dev.conduit.net.sys;

import dev.conduit.net.ErrnoException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link ReadinessBackend} on macOS's kqueue, woken through an {@code EVFILT_USER} event. Reading
 * and writing are separate filters there, so one descriptor may come back as two events. Every
 * {@code struct kevent} field (32 bytes, packed to 4 on Darwin) is written by name at the
 * bindings' layout; waiting allocates nothing.
 */
final class KqueueBackend implements ReadinessBackend {

    private static final int MAX_EVENTS = 256;
    private static final long WAKEUP = -1;
    /** The EVFILT_USER event's identifier: any number, unique among user events of this queue. */
    private static final long WAKEUP_IDENT = 1;

    private final Posix posix;
    private final Arena arena = Arena.ofShared();
    private final StructFields kevent;
    private final MemorySegment ready;
    private final MemorySegment changes; // guarded by itself
    private final MemorySegment timeout; // the waiting thread's
    private final MemorySegment waitState; // the waiting thread's: waiting allocates nothing
    private final MemorySegment changeState; // guarded by changes
    private final StructFields timespec;
    private final Map<Integer, Integer> registered = new HashMap<>(); // fd -> interest; guarded by changes
    private final int kq;
    private int count;

    KqueueBackend(Posix posix) throws IOException {
        this.posix = posix;
        this.kevent = new StructFields(posix.keventLayout());
        this.ready = arena.allocate(kevent.layout(), MAX_EVENTS);
        this.changes = arena.allocate(kevent.layout(), 2);
        this.timeout = arena.allocate(posix.timespecLayout());
        this.waitState = arena.allocate(posix.callStateLayout());
        this.changeState = arena.allocate(posix.callStateLayout());
        this.timespec = new StructFields(posix.timespecLayout());
        try {
            this.kq = posix.kqueue();
        } catch (IOException | RuntimeException failure) {
            arena.close();
            throw failure;
        }
        try {
            posix.fcntl(kq, posix.fSetfd(), posix.fdCloexec()); // kqueue(2) has no close-on-exec flag
            synchronized (changes) {
                change(0, WAKEUP_IDENT, posix.evfiltUser().orElseThrow(), posix.evAdd() | posix.evClear(), 0, WAKEUP);
                apply(1);
            }
        } catch (IOException | RuntimeException failure) {
            try {
                posix.close(kq);
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
            arena.close();
            throw failure;
        }
    }

    @Override
    public void add(int fd, int interest, boolean edgeTriggered, boolean oneShot, long token) throws IOException {
        modify(fd, interest, edgeTriggered, oneShot, token);
    }

    @Override
    public void modify(int fd, int interest, boolean edgeTriggered, boolean oneShot, long token) throws IOException {
        int flags = posix.evAdd() | (edgeTriggered ? posix.evClear() : 0) | (oneShot ? posix.evOneshot() : 0);
        synchronized (changes) {
            int before = registered.getOrDefault(fd, 0);
            int n = 0;
            n = filter(n, fd, READ, posix.evfiltRead(), interest, before, flags, token);
            n = filter(n, fd, WRITE, posix.evfiltWrite(), interest, before, flags, token);
            apply(n);
            registered.put(fd, interest);
        }
    }

    @Override
    public void remove(int fd) throws IOException {
        synchronized (changes) {
            Integer before = registered.remove(fd);
            if (before != null) {
                int n = 0;
                n = filter(n, fd, READ, posix.evfiltRead(), 0, before, 0, 0);
                n = filter(n, fd, WRITE, posix.evfiltWrite(), 0, before, 0, 0);
                try {
                    apply(n);
                } catch (ErrnoException e) {
                    if (!e.errnoName().equals("ENOENT")) { // a one-shot event that fired is gone already
                        throw e;
                    }
                }
            }
        }
    }

    @Override
    public int await(int timeoutMillis) throws IOException {
        MemorySegment limit = MemorySegment.NULL;
        if (timeoutMillis >= 0) {
            timespec.set(timeout, "tv_sec", timeoutMillis / 1000);
            timespec.set(timeout, "tv_nsec", (timeoutMillis % 1000) * 1_000_000L);
            limit = timeout;
        }
        int n;
        try {
            n = posix.kevent(kq, MemorySegment.NULL, 0, ready, MAX_EVENTS, limit, waitState);
        } catch (ErrnoException e) {
            if (!e.errnoName().equals("EINTR")) {
                throw e;
            }
            n = 0;
        }
        int kept = 0;
        long size = kevent.layout().byteSize();
        for (int i = 0; i < n; i++) {
            MemorySegment event = ready.asSlice(i * size, size);
            if (kevent.getAddress(event, "udata").address() == WAKEUP) {
                continue; // EV_CLEAR re-arms the user event
            }
            if (kept != i) {
                MemorySegment.copy(ready, i * size, ready, kept * size, size);
            }
            kept++;
        }
        count = kept;
        return kept;
    }

    @Override
    public long token(int index) {
        return kevent.getAddress(entry(index), "udata").address();
    }

    @Override
    public int events(int index) {
        MemorySegment event = entry(index);
        long filter = kevent.get(event, "filter");
        long flags = kevent.get(event, "flags");
        int events = filter == posix.evfiltWrite() ? WRITE : READ;
        if ((flags & posix.evError()) != 0 || ((flags & posix.evEof()) != 0 && kevent.get(event, "fflags") != 0)) {
            events |= ERROR; // EV_EOF with fflags set carries the socket error
        }
        return events;
    }

    @Override
    public void wakeup() throws IOException {
        synchronized (changes) {
            change(0, WAKEUP_IDENT, posix.evfiltUser().orElseThrow(), 0, posix.noteTrigger(), WAKEUP);
            apply(1);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            posix.close(kq);
        } finally {
            arena.close();
        }
    }

    private MemorySegment entry(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("event " + index + " of " + count);
        }
        long size = kevent.layout().byteSize();
        return ready.asSlice(index * size, size);
    }

    /** Adds the change for one filter at slot {@code n} where it is wanted or must go; returns the next slot. */
    private int filter(int n, int fd, int bit, int filter, int interest, int before, int flags, long token) {
        if ((interest & bit) != 0) {
            change(n, fd, filter, flags, 0, token);
            return n + 1;
        }
        if ((before & bit) != 0) {
            change(n, fd, filter, posix.evDelete(), 0, 0);
            return n + 1;
        }
        return n;
    }

    private void change(int slot, long ident, int filter, int flags, int fflags, long token) {
        long size = kevent.layout().byteSize();
        MemorySegment event = changes.asSlice(slot * size, size).fill((byte) 0);
        kevent.set(event, "ident", ident);
        kevent.set(event, "filter", filter);
        kevent.set(event, "flags", flags);
        kevent.set(event, "fflags", fflags);
        kevent.setAddress(event, "udata", MemorySegment.ofAddress(token));
    }

    private void apply(int n) throws IOException {
        if (n > 0) {
            posix.kevent(kq, changes, n, MemorySegment.NULL, 0, MemorySegment.NULL, changeState);
        }
    }
}
