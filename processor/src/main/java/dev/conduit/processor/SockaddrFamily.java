package dev.conduit.processor;

import java.util.List;
import java.util.Optional;

/**
 * The socket address families the processor can encode and decode, with the struct and field names
 * they use in C.
 */
enum SockaddrFamily {
    INET("AF_INET", "sockaddr_in", "sin_len", "sin_family", "sin_port", "sin_addr", null, null, 4),
    INET6("AF_INET6", "sockaddr_in6", "sin6_len", "sin6_family", "sin6_port", "sin6_addr", "sin6_flowinfo",
            "sin6_scope_id", 16);

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

    /** {@code sin6_flowinfo} (in network byte order, as Linux and the BSDs store it), or null for AF_INET. */
    String flowInfoField() {
        return flowInfoField;
    }

    /** {@code sin6_scope_id} (in host byte order), or null for AF_INET. */
    String scopeIdField() {
        return scopeIdField;
    }

    int addressBytes() {
        return addressBytes;
    }

    /** The fields an encoder writes besides the length byte: with the flow info and scope id or without. */
    List<String> encodedFields(boolean flowAndScope) {
        return flowAndScope
                ? List.of(familyField, portField, addressField, flowInfoField, scopeIdField)
                : List.of(familyField, portField, addressField);
    }

    /** The fields a decoder needs in every variant's struct (all but the length byte). */
    List<String> requiredFields() {
        return scopeIdField == null
                ? List.of(familyField, portField, addressField)
                : List.of(familyField, portField, addressField, scopeIdField);
    }
}
