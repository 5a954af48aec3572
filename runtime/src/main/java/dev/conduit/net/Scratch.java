package dev.conduit.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Native memory one direction of a socket reuses from call to call: the errno capture segment,
 * for heap buffers a bounded copy buffer, and room for the C structures a call passes (iovec and
 * mmsghdr arrays, sockaddrs, an off_t), so that a read or write on native memory allocates
 * nothing in steady state. One call at a time holds it ({@link #claim}/{@link #release}); a
 * thread that races another for it gets memory of its own instead, so it is never shared. The
 * memory lives as long as the socket is reachable: an automatic arena, one per socket for both
 * directions (each arena is a session and a cleaner of its own, a cost per accepted connection).
 */
final class Scratch {

    /** malloc's alignment on the 64-bit platforms: enough for any C structure a call passes. */
    private static final long STRUCT_ALIGNMENT = 16;

    private final MemoryLayout callStateLayout;
    private final long maxCopy;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final Arena arena;
    private final MemorySegment callState;
    private MemorySegment copy = MemorySegment.NULL; // grown on demand up to maxCopy; guarded by claimed
    private MemorySegment structs = MemorySegment.NULL; // grown on demand; guarded by claimed
    private MemorySegment sockaddr = MemorySegment.NULL; // made on first use; guarded by claimed
    private Object encodedAddress; // what sockaddr holds (compared by identity); guarded by claimed
    private int encodedLength;

    /** {@code arena}: an automatic one, which the socket's other direction may share. */
    @SuppressWarnings("restricted") // reinterpret: native access is checked before any socket exists (Sys)
    Scratch(Arena arena, MemoryLayout callStateLayout, long maxCopy) {
        this.arena = arena;
        this.callStateLayout = callStateLayout;
        this.maxCopy = maxCopy;
        // A view without liveness tracking: the automatic arena's session is shared, and every
        // downcall would otherwise acquire and release it (an atomic update each) for this segment.
        // The memory lives while this Scratch, which holds the arena, does.
        this.callState = arena.allocate(callStateLayout).reinterpret(Arena.global(), null);
    }

    /** A capture segment for one call: this direction's, or (when another call holds it) a new one. */
    MemorySegment claim() {
        return claimed.compareAndSet(false, true) ? callState : Arena.ofAuto().allocate(callStateLayout);
    }

    /** Whether {@code claimedState} is this direction's own, so the call may use what belongs to it. */
    boolean holds(MemorySegment claimedState) {
        return claimedState == callState;
    }

    /** Ends the call that {@link #claim} returned {@code claimed} to. */
    void release(MemorySegment claimedState) {
        if (claimedState == callState) {
            claimed.set(false);
        }
    }

    /**
     * Native memory of {@code min(bytes, bound)} for copying a heap buffer, for the call holding
     * {@code claimedState}: this direction's buffer, or a new one if the call did not get it.
     */
    MemorySegment copyBuffer(MemorySegment claimedState, long bytes) {
        long wanted = Math.min(bytes, maxCopy);
        if (claimedState != callState) {
            return Arena.ofAuto().allocate(wanted);
        }
        if (copy.byteSize() < wanted) {
            copy = arena.allocate(Math.min(maxCopy, Math.max(wanted, copy.byteSize() * 2)), Long.BYTES);
        }
        return copy.asSlice(0, wanted);
    }

    /**
     * Native memory of at least {@code bytes}, aligned for any C structure, its contents left from
     * earlier calls, for the call holding {@code claimedState}: this direction's (the whole buffer,
     * not a slice, so that nothing is allocated per call), or a new one if the call did not get it.
     * Separate from {@link #copyBuffer}, so a call may use both.
     */
    MemorySegment structBuffer(MemorySegment claimedState, long bytes) {
        if (claimedState != callState) {
            return Arena.ofAuto().allocate(Math.max(1, bytes), STRUCT_ALIGNMENT);
        }
        if (structs.byteSize() < bytes) {
            structs = arena.allocate(Math.max(bytes, structs.byteSize() * 2), STRUCT_ALIGNMENT);
        }
        return structs;
    }

    /**
     * Room for a socket address of {@code bytes} for the call holding {@code claimedState}: this
     * direction's, which keeps the address {@link #remember}ed in it, or a new one.
     */
    MemorySegment addressBuffer(MemorySegment claimedState, long bytes) {
        if (claimedState != callState) {
            return Arena.ofAuto().allocate(bytes, STRUCT_ALIGNMENT);
        }
        if (sockaddr.byteSize() < bytes) {
            sockaddr = arena.allocate(bytes, STRUCT_ALIGNMENT);
            encodedAddress = null;
        }
        return sockaddr;
    }

    /**
     * The length of the sockaddr {@link #addressBuffer} holds if it was encoded from this very
     * {@code address} object (so it need not be encoded again), else -1.
     */
    int encodedLength(MemorySegment claimedState, Object address) {
        return claimedState == callState && address == encodedAddress ? encodedLength : -1;
    }

    /** Notes that {@link #addressBuffer} now holds {@code address}, {@code length} bytes, or (null) nothing known. */
    void remember(MemorySegment claimedState, Object address, int length) {
        if (claimedState == callState) {
            encodedAddress = address;
            encodedLength = length;
        }
    }
}
