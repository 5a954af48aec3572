package dev.conduit.headers.odd.arch;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Hand-written bindings of the shape jextract emits, with the oddities the diagnostics tests need. */
public class Libc {

    public static int EINTR() {
        return 4;
    }

    public static int AF_INET() {
        return 2;
    }

    public static int AF_INET6() {
        return 10;
    }

    public static int AF_UNIX() {
        return 1;
    }

    public static int SOL_SOCKET() {
        return 1;
    }

    public static int SO_REUSEADDR() {
        return 2;
    }

    /** A constant too wide for an int. */
    public static long BIG() {
        return 1L << 40;
    }

    /** A socklen_t of the wrong width, as setsockopt below takes it. */
    public static final ValueLayout.OfLong socklen_t = ValueLayout.JAVA_LONG;

    /** A typedef field that holds no layout. */
    public static final String weird_t = "";

    /** A function without a result. */
    public static MemorySegment nothing$address() {
        return MemorySegment.NULL;
    }

    public static FunctionDescriptor nothing$descriptor() {
        return FunctionDescriptor.ofVoid();
    }

    public static void nothing() {
    }

    /** setsockopt with a socklen_t of the wrong width. */
    public static MemorySegment setsockopt$address() {
        return MemorySegment.NULL;
    }

    public static FunctionDescriptor setsockopt$descriptor() {
        return null;
    }

    public static int setsockopt(int fd, int level, int name, MemorySegment value, long length) {
        return 0;
    }
}
