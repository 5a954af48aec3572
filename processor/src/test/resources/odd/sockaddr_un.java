package dev.conduit.headers.odd.arch;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** A sun_path that is no char array, so no path limit can be read from it. */
public class sockaddr_un {

    public static long sizeof() {
        return 8;
    }

    public static long sun_family$offset() {
        return 0;
    }

    public static short sun_family(MemorySegment struct) {
        return 0;
    }

    public static ValueLayout.OfInt sun_path$layout() {
        return ValueLayout.JAVA_INT;
    }

    public static long sun_path$offset() {
        return 4;
    }

    public static int sun_path(MemorySegment struct) {
        return 0;
    }
}
