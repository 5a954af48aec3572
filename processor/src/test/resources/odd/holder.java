package dev.conduit.headers.odd.arch;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** A struct with a pointer field, which no record component can carry. */
public class holder {

    private static final GroupLayout LAYOUT = MemoryLayout.structLayout(ValueLayout.ADDRESS.withName("p"));

    public static GroupLayout layout() {
        return LAYOUT;
    }

    public static long sizeof() {
        return 8;
    }

    public static AddressLayout p$layout() {
        return ValueLayout.ADDRESS;
    }

    public static long p$offset() {
        return 0;
    }

    public static MemorySegment p(MemorySegment struct) {
        return MemorySegment.NULL;
    }
}
