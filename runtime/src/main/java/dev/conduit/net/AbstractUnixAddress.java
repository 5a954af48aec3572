package dev.conduit.net;

import java.io.Serial;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A Linux abstract Unix-domain socket name: bytes in the abstract namespace, not a file (the kernel
 * sees them after a leading NUL in {@code sun_path}). Any bytes are allowed, NUL included, and they
 * are kept as bytes, never decoded as a string. Linux only: elsewhere binding or connecting to one
 * throws {@link UnsupportedOperationException} naming the platform.
 */
public final class AbstractUnixAddress extends SocketAddress {

    @Serial
    private static final long serialVersionUID = 1L;

    private final byte[] name;

    private AbstractUnixAddress(byte[] name) {
        this.name = name;
    }

    /** The abstract name {@code name} (without the leading NUL the kernel uses to mark it). */
    public static AbstractUnixAddress of(byte[] name) {
        return new AbstractUnixAddress(Objects.requireNonNull(name, "name").clone());
    }

    /** The abstract name of {@code name}'s UTF-8 bytes. */
    public static AbstractUnixAddress of(String name) {
        return of(Objects.requireNonNull(name, "name").getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of the name's bytes. */
    public byte[] name() {
        return name.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AbstractUnixAddress a && Arrays.equals(name, a.name);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(name);
    }

    /** {@code @} and the name, printable ASCII as it is, other bytes as {@code \xNN}, at most 80 of them. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("@");
        for (int i = 0; i < Math.min(name.length, 80); i++) {
            int b = name[i] & 0xff;
            if (b >= 0x20 && b < 0x7f && b != '\\') {
                text.append((char) b);
            } else {
                text.append("\\x").append(HexFormat.of().toHexDigits((byte) b));
            }
        }
        return name.length > 80 ? text + "... (" + name.length + " bytes)" : text.toString();
    }
}
