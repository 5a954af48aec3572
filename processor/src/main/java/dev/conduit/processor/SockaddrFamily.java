package dev.conduit.processor;

import java.util.List;
import java.util.Optional;

/**
 * The socket address families the processor can encode and decode, with the struct and field names
 * they use in C.
 */
enum SockaddrFamily {
    INET("AF_INET", "sockaddr_in", "sin_len", "sin_family", "sin_port", "sin_addr", null, 4),
    INET6("AF_INET6", "sockaddr_in6", "sin6_len", "sin6_family", "sin6_port", "sin6_addr", "sin6_scope_id", 16);

    private final String constant;
    private final String struct;
    private final String lenField;
    private final String familyField;
    private final String portField;
    private final String addressField;
    private final String scopeIdField;
    private final int addressBytes;

    SockaddrFamily(String constant, String struct, String lenField, String familyField, String portField,
            String addressField, String scopeIdField, int addressBytes) {
        this.constant = constant;
        this.struct = struct;
        this.lenField = lenField;
        this.familyField = familyField;
        this.portField = portField;
        this.addressField = addressField;
        this.scopeIdField = scopeIdField;
        this.addressBytes = addressBytes;
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

    String portField() {
        return portField;
    }

    String addressField() {
        return addressField;
    }

    /** {@code sin6_scope_id}, or null for AF_INET. */
    String scopeIdField() {
        return scopeIdField;
    }

    int addressBytes() {
        return addressBytes;
    }

    /** The fields every variant's struct must have (all but the length byte). */
    List<String> requiredFields() {
        return scopeIdField == null
                ? List.of(familyField, portField, addressField)
                : List.of(familyField, portField, addressField, scopeIdField);
    }
}
