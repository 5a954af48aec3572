package dev.conduit.net.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.SocketAddress;

/**
 * The last sender a socket received a datagram from, as the kernel wrote it and as decoded, so that
 * datagrams from the same peer reuse the decoded address instead of making a new one (java.nio's
 * DatagramChannel does the same). One receive at a time uses a cache.
 */
public final class SenderCache {

    private final MemorySegment bytes;
    private int length;
    private SocketAddress address;

    /** A cache with room for any sockaddr of the platform. */
    public SenderCache(SocketSystem system) {
        this.bytes = Arena.ofAuto().allocate(system.socketAddressLayout());
    }

    /** The address decoded from the first {@code length} bytes of {@code sockaddr} last time, or null. */
    SocketAddress lookup(MemorySegment sockaddr, int length) {
        if (address == null || length != this.length
                || MemorySegment.mismatch(sockaddr, 0, length, bytes, 0, length) != -1) {
            return null;
        }
        return address;
    }

    /** Keeps {@code address} as the decoding of the first {@code length} bytes of {@code sockaddr}. */
    void keep(MemorySegment sockaddr, int length, SocketAddress address) {
        MemorySegment.copy(sockaddr, 0, bytes, 0, length);
        this.length = length;
        this.address = address;
    }
}
