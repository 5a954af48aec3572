package dev.conduit.net.sys;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;

/**
 * Reads and writes a struct's fields by their C names, at the width and offset the variant's
 * bindings give them ({@code msghdr.msg_iovlen} is a {@code size_t} on Linux and an {@code int} on
 * macOS; {@code cmsghdr.cmsg_len} likewise). Numbers travel as {@code long} and are range-checked
 * against the field's width, so no hand-written code needs to know which width a platform uses.
 */
public final class StructFields {

    private final StructLayout layout;

    public StructFields(StructLayout layout) {
        this.layout = layout;
    }

    public StructLayout layout() {
        return layout;
    }

    public long offset(String field) {
        return layout.byteOffset(PathElement.groupElement(field));
    }

    public long size(String field) {
        return member(field).byteSize();
    }

    /** An integer field, sign-extended from its width (C's unsigned fields here never reach the sign bit). */
    public long get(MemorySegment struct, String field) {
        long at = offset(field);
        return switch (member(field)) {
            case ValueLayout.OfLong l -> struct.get(l, at);
            case ValueLayout.OfInt i -> struct.get(i, at);
            case ValueLayout.OfShort s -> struct.get(s, at);
            case ValueLayout.OfByte b -> struct.get(b, at);
            case MemoryLayout other -> throw new IllegalArgumentException(field + " is not an integer field: " + other);
        };
    }

    /** Writes an integer field at its width; a value that does not fit is refused. */
    public void set(MemorySegment struct, String field, long value) {
        long at = offset(field);
        switch (member(field)) {
            case ValueLayout.OfLong l -> struct.set(l, at, value);
            case ValueLayout.OfInt i -> struct.set(i, at, (int) checked(field, value, Integer.MIN_VALUE, 0xFFFF_FFFFL));
            case ValueLayout.OfShort s -> struct.set(s, at, (short) checked(field, value, Short.MIN_VALUE, 0xFFFF));
            case ValueLayout.OfByte b -> struct.set(b, at, (byte) checked(field, value, Byte.MIN_VALUE, 0xFF));
            case MemoryLayout other -> throw new IllegalArgumentException(field + " is not an integer field: " + other);
        }
    }

    public MemorySegment getAddress(MemorySegment struct, String field) {
        return struct.get(address(field), offset(field));
    }

    public void setAddress(MemorySegment struct, String field, MemorySegment value) {
        struct.set(address(field), offset(field), value);
    }

    /** The bytes of a nested struct or array field, as a slice of {@code struct}. */
    public MemorySegment slice(MemorySegment struct, String field) {
        return struct.asSlice(offset(field), size(field));
    }

    private MemoryLayout member(String field) {
        return layout.select(PathElement.groupElement(field));
    }

    private AddressLayout address(String field) {
        if (member(field) instanceof AddressLayout a) {
            return a;
        }
        throw new IllegalArgumentException(field + " is not a pointer field: " + member(field));
    }

    private long checked(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(layout.name().orElse("struct") + "." + field + " cannot hold " + value);
        }
        return value;
    }
}
