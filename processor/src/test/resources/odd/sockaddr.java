package dev.conduit.headers.odd.arch;

import java.lang.foreign.MemorySegment;

/** A family field of a type no family has. */
public class sockaddr {

    public static long sizeof() {
        return 16;
    }

    public static long sa_family$offset() {
        return 0;
    }

    public static double sa_family(MemorySegment struct) {
        return 0;
    }
}
