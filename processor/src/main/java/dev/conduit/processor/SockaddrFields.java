package dev.conduit.processor;

/**
 * The variant-dependent part of a socket address struct: whether it starts with a BSD length byte,
 * and the Java type of its family field ({@code short} on Linux, {@code byte} on macOS).
 *
 * @param len    the carrier of the length field, or null where the struct has none
 * @param family the carrier of the family field
 */
record SockaddrFields(Carrier len, Carrier family) {
}
