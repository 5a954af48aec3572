package dev.conduit.processor;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The socket address families the processor can encode and decode, with the struct and field names
 * they use in C. (Not to be confused with the {@code @SockaddrFamily} annotation, which reads the family
 * of any address: see {@link SockaddrFamilyRead}.)
 */
enum SockaddrFamily {
    INET("AF_INET", "sockaddr_in", "sin_len", "sin_family", "sin_port", "sin_addr", null, null, 4),
    INET6("AF_INET6", "sockaddr_in6", "sin6_len", "sin6_family", "sin6_port", "sin6_addr", "sin6_flowinfo",
            "sin6_scope_id", 16),
    /** No port; its address is the bytes of {@code sun_path}, as long as the bindings' array is. */
    UNIX("AF_UNIX", "sockaddr_un", "sun_len", "sun_family", null, "sun_path", null, null, 0);

    private final String constant;
    private final String struct;
    private final String lenField;
    private final String familyField;
    private final String portField;
    private final String addressField;
    private final String flowInfoField;
    private final String scopeIdField;
    private final int addressBytes;

    SockaddrFamily(String constant, String struct, String lenField, String familyField, String portField,
            String addressField, String flowInfoField, String scopeIdField, int addressBytes) {
        this.constant = constant;
        this.struct = struct;
        this.lenField = lenField;
        this.familyField = familyField;
        this.portField = portField;
        this.addressField = addressField;
        this.flowInfoField = flowInfoField;
        this.scopeIdField = scopeIdField;
        this.addressBytes = addressBytes;
    }

    /** The families an {@code InetSocketAddress} holds, which a decoder without a family reads. */
    static List<SockaddrFamily> inet() {
        return List.of(INET, INET6);
    }

    static Optional<SockaddrFamily> byConstant(String constant) {
        for (SockaddrFamily f : values()) {
            if (f.constant.equals(constant)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** {@code AF_INET}. */
    String constant() {
        return constant;
    }

    /** {@code sockaddr_in}. */
    String struct() {
        return struct;
    }

    /** The BSD length byte ({@code sin_len}), which only BSD-derived variants have. */
    String lenField() {
        return lenField;
    }

    String familyField() {
        return familyField;
    }

    /** Whether it is an IP family, with a port. */
    boolean isInet() {
        return portField != null;
    }

    /** {@code sin_port}, or null for AF_UNIX. */
    String portField() {
        return portField;
    }

    /** {@code sin_addr}; {@code sun_path} for AF_UNIX, a char array. */
    String addressField() {
        return addressField;
    }

    /** {@code sin6_flowinfo} (in network byte order, as Linux and the BSDs store it), or null for AF_INET. */
    String flowInfoField() {
        return flowInfoField;
    }

    /** {@code sin6_scope_id} (in host byte order), or null for AF_INET. */
    String scopeIdField() {
        return scopeIdField;
    }

    /** The size of an address: 4 or 16; 0 for AF_UNIX, whose path is at most {@code sun_path}'s size. */
    int addressBytes() {
        return addressBytes;
    }

    /** The fields an encoder writes besides the length byte: with the flow info and scope id or without. */
    List<String> encodedFields(boolean flowAndScope) {
        return flowAndScope
                ? present(familyField, portField, addressField, flowInfoField, scopeIdField)
                : present(familyField, portField, addressField);
    }

    /** The fields a decoder needs in every variant's struct (all but the length byte). */
    List<String> requiredFields() {
        return present(familyField, portField, addressField, scopeIdField);
    }

    private static List<String> present(String... fields) {
        return Stream.of(fields).filter(Objects::nonNull).toList();
    }
}
