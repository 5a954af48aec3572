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
        return field(field).get(struct, 0);
    }

    /** Writes an integer field at its width; a value that does not fit is refused. */
    public void set(MemorySegment struct, String field, long value) {
        field(field).set(struct, 0, value);
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

    /** {@code field} with its offset and layout resolved once, for code that reads or writes it often. */
    public Field field(String field) {
        return new Field(layout.name().orElse("struct") + "." + field, offset(field), member(field));
    }

    /**
     * One field of the struct at a resolved offset, read and written in a struct that starts
     * {@code base} bytes into a segment (an array of structs, or a struct inside another).
     */
    public record Field(String name, long offset, MemoryLayout layout) {

        /** An integer field, sign-extended from its width. */
        public long get(MemorySegment segment, long base) {
            long at = base + offset;
            return switch (layout) {
                case ValueLayout.OfLong l -> segment.get(l, at);
                case ValueLayout.OfInt i -> segment.get(i, at);
                case ValueLayout.OfShort s -> segment.get(s, at);
                case ValueLayout.OfByte b -> segment.get(b, at);
                case MemoryLayout other -> throw new IllegalArgumentException(name + " is not an integer field: " + other);
            };
        }

        /** Writes an integer field at its width; a value that does not fit is refused. */
        public void set(MemorySegment segment, long base, long value) {
            long at = base + offset;
            switch (layout) {
                case ValueLayout.OfLong l -> segment.set(l, at, value);
                case ValueLayout.OfInt i -> segment.set(i, at, (int) checked(value, Integer.MIN_VALUE, 0xFFFF_FFFFL));
                case ValueLayout.OfShort s -> segment.set(s, at, (short) checked(value, Short.MIN_VALUE, 0xFFFF));
                case ValueLayout.OfByte b -> segment.set(b, at, (byte) checked(value, Byte.MIN_VALUE, 0xFF));
                case MemoryLayout other -> throw new IllegalArgumentException(name + " is not an integer field: " + other);
            }
        }

        /** Writes a pointer field. */
        public void setAddress(MemorySegment segment, long base, MemorySegment value) {
            if (!(layout instanceof AddressLayout address)) {
                throw new IllegalArgumentException(name + " is not a pointer field: " + layout);
            }
            segment.set(address, base + offset, value);
        }

        private long checked(long value, long min, long max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " cannot hold " + value);
            }
            return value;
        }
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
}
