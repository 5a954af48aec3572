package dev.conduit.net.sys;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The bytes glibc's malloc has handed out and not yet had back, summed over every arena:
 * {@code mallinfo2()}'s {@code uordblks + hblkhd} (malloc.h, glibc 2.33+). Unlike the resident set
 * it does not move with the Java heap, so a test can see a native leak of a few bytes a call. Test
 * code for Linux with glibc; the struct is ten {@code size_t}s in this order (glibc malloc/malloc.h).
 */
public final class GlibcMalloc {

    private static final StructLayout MALLINFO2 = MemoryLayout.structLayout(
            ValueLayout.JAVA_LONG.withName("arena"), ValueLayout.JAVA_LONG.withName("ordblks"),
            ValueLayout.JAVA_LONG.withName("smblks"), ValueLayout.JAVA_LONG.withName("hblks"),
            ValueLayout.JAVA_LONG.withName("hblkhd"), ValueLayout.JAVA_LONG.withName("usmblks"),
            ValueLayout.JAVA_LONG.withName("fsmblks"), ValueLayout.JAVA_LONG.withName("uordblks"),
            ValueLayout.JAVA_LONG.withName("fordblks"), ValueLayout.JAVA_LONG.withName("keepcost"));

    private GlibcMalloc() {
    }

    /** Whether this C library has {@code mallinfo2} (glibc does; musl and macOS do not). */
    public static boolean available() {
        return Linker.nativeLinker().defaultLookup().find("mallinfo2").isPresent();
    }

    @SuppressWarnings("restricted") // a test-only downcall to glibc's allocator statistics
    public static long inUseBytes() {
        Linker linker = Linker.nativeLinker();
        MethodHandle mallinfo2 = linker.downcallHandle(linker.defaultLookup().find("mallinfo2").orElseThrow(),
                FunctionDescriptor.of(MALLINFO2));
        try (var arena = java.lang.foreign.Arena.ofConfined()) {
            MemorySegment info = (MemorySegment) mallinfo2.invokeExact((java.lang.foreign.SegmentAllocator) arena);
            return field(info, "uordblks") + field(info, "hblkhd");
        } catch (Throwable t) {
            throw new IllegalStateException("mallinfo2 failed", t);
        }
    }

    private static long field(MemorySegment info, String name) {
        return info.get(ValueLayout.JAVA_LONG, MALLINFO2.byteOffset(MemoryLayout.PathElement.groupElement(name)));
    }
}
