package dev.conduit.net.sys;

import dev.conduit.net.ErrnoException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;

/**
 * {@link ReadinessBackend} on Linux's epoll, woken by an eventfd. {@code struct epoll_event} is
 * packed (12 bytes) on x86_64 and 16 bytes on aarch64: its fields are found in the variant's layout,
 * the token in {@code data.u64}. Waiting allocates nothing: the event array and the wake-up
 * counter are allocated once.
 */
final class EpollBackend implements ReadinessBackend {

    private static final int MAX_EVENTS = 256;
    /** The eventfd's token; callers' tokens are never negative. */
    private static final long WAKEUP = -1;

    private final Posix posix;
    private final Arena arena = Arena.ofShared();
    private final StructLayout eventLayout;
    private final long eventsOffset;
    private final long tokenOffset;
    private final MemorySegment ready;
    private final MemorySegment control; // guarded by itself: add/modify/remove may come from any thread
    private final MemorySegment controlState; // guarded by control: epoll_ctl allocates nothing
    private final MemorySegment wakeupValue; // guarded by itself
    private final MemorySegment drained; // the waiting thread's
    private final MemorySegment waitState; // the waiting thread's: epoll_wait allocates nothing
    private final int epfd;
    private final int eventFd;
    private int count;

    EpollBackend(Posix posix) throws IOException {
        this.posix = posix;
        this.eventLayout = posix.epollEventLayout();
        this.eventsOffset = eventLayout.byteOffset(PathElement.groupElement("events"));
        this.tokenOffset = eventLayout.byteOffset(PathElement.groupElement("data"), PathElement.groupElement("u64"));
        this.ready = arena.allocate(eventLayout, MAX_EVENTS);
        this.control = arena.allocate(eventLayout);
        this.controlState = arena.allocate(posix.callStateLayout());
        this.wakeupValue = arena.allocateFrom(ValueLayout.JAVA_LONG, 1);
        this.drained = arena.allocate(ValueLayout.JAVA_LONG);
        this.waitState = arena.allocate(posix.callStateLayout());
        int epoll = -1;
        try {
            epoll = posix.epollCreate1(posix.epollCloexec());
            this.epfd = epoll;
            this.eventFd = posix.eventfd(0, posix.efdCloexec() | posix.efdNonblock());
        } catch (IOException | RuntimeException failure) {
            if (epoll >= 0) {
                closeQuietly(epoll, failure);
            }
            arena.close();
            throw failure;
        }
        try {
            control(posix.epollCtlAdd(), eventFd, posix.epollIn(), WAKEUP);
        } catch (IOException | RuntimeException failure) {
            closeQuietly(eventFd, failure);
            closeQuietly(epfd, failure);
            arena.close();
            throw failure;
        }
    }

    @Override
    public void add(int fd, int interest, boolean edgeTriggered, boolean oneShot, long token) throws IOException {
        control(posix.epollCtlAdd(), fd, mask(interest, edgeTriggered, oneShot), token);
    }

    @Override
    public void modify(int fd, int interest, boolean edgeTriggered, boolean oneShot, long token) throws IOException {
        control(posix.epollCtlMod(), fd, mask(interest, edgeTriggered, oneShot), token);
    }

    @Override
    public void remove(int fd) throws IOException {
        synchronized (control) {
            try {
                posix.epollCtl(epfd, posix.epollCtlDel(), fd, control, controlState); // the event is ignored, but must not be NULL before 2.6.9
            } catch (ErrnoException gone) {
                if (!gone.errnoName().equals("EBADF") && !gone.errnoName().equals("ENOENT")) {
                    throw gone; // closed already, and so forgotten by epoll
                }
            }
        }
    }

    @Override
    public boolean keepsFiredOneShot() {
        return true; // EPOLLONESHOT disarms; EPOLL_CTL_MOD re-arms; close(2) removes
    }

    @Override
    public int await(int timeoutMillis) throws IOException {
        int n;
        try {
            n = posix.epollWait(epfd, ready, MAX_EVENTS, timeoutMillis, waitState);
        } catch (ErrnoException e) {
            if (!e.errnoName().equals("EINTR")) {
                throw e;
            }
            n = 0; // a signal: the caller's loop recomputes its timeout
        }
        int kept = 0;
        for (int i = 0; i < n; i++) {
            long at = i * eventLayout.byteSize();
            if (ready.get(ValueLayout.JAVA_LONG_UNALIGNED, at + tokenOffset) == WAKEUP) {
                drainWakeups();
                continue;
            }
            if (kept != i) {
                MemorySegment.copy(ready, at, ready, kept * eventLayout.byteSize(), eventLayout.byteSize());
            }
            kept++;
        }
        count = kept;
        return kept;
    }

    @Override
    public long token(int index) {
        return ready.get(ValueLayout.JAVA_LONG_UNALIGNED, entry(index) + tokenOffset);
    }

    @Override
    public int events(int index) {
        int bits = ready.get(ValueLayout.JAVA_INT_UNALIGNED, entry(index) + eventsOffset);
        int events = 0;
        if ((bits & (posix.epollIn() | posix.epollRdhup() | posix.epollHup())) != 0) {
            events |= READ; // end of stream and hang-up read as "readable": the read reports them
        }
        if ((bits & posix.epollOut()) != 0) {
            events |= WRITE;
        }
        if ((bits & (posix.epollErr() | posix.epollHup())) != 0) {
            events |= ERROR;
        }
        return events;
    }

    @Override
    public void wakeup() throws IOException {
        synchronized (wakeupValue) {
            try {
                posix.write(eventFd, wakeupValue, Long.BYTES);
            } catch (IOException full) {
                // EAGAIN: the counter is at its maximum, so a wake-up is pending anyway
            }
        }
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (int fd : new int[] {eventFd, epfd}) {
            try {
                posix.close(fd);
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        arena.close();
        if (failure != null) {
            throw failure;
        }
    }

    private long entry(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("event " + index + " of " + count);
        }
        return index * eventLayout.byteSize();
    }

    private void drainWakeups() throws IOException {
        try {
            posix.read(eventFd, drained, Long.BYTES);
        } catch (IOException alreadyDrained) {
            // EAGAIN: another wake-up was drained first
        }
    }

    private int mask(int interest, boolean edgeTriggered, boolean oneShot) {
        int mask = 0;
        if ((interest & READ) != 0) {
            mask |= posix.epollIn() | posix.epollRdhup();
        }
        if ((interest & WRITE) != 0) {
            mask |= posix.epollOut();
        }
        if (edgeTriggered) {
            mask |= posix.epollEt();
        }
        if (oneShot) {
            mask |= posix.epollOneshot();
        }
        return mask;
    }

    private void control(int op, int fd, int mask, long token) throws IOException {
        synchronized (control) {
            control.set(ValueLayout.JAVA_INT_UNALIGNED, eventsOffset, mask);
            control.set(ValueLayout.JAVA_LONG_UNALIGNED, tokenOffset, token);
            posix.epollCtl(epfd, op, fd, control, controlState);
        }
    }

    private void closeQuietly(int fd, Throwable failure) {
        try {
            posix.close(fd);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
