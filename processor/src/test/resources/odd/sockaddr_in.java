package dev.conduit.headers.odd.arch;

import java.lang.foreign.MemorySegment;

/** Lacks sin_port. */
public class sockaddr_in {

    public static long sizeof() {
        return 16;
    }

    public static long sin_family$offset() {
        return 0;
    }

    public static short sin_family(MemorySegment struct) {
        return 0;
    }

    public static long sin_addr$offset() {
        return 4;
    }

    public static MemorySegment sin_addr(MemorySegment struct) {
        return struct;
    }
}
