package dev.conduit.net.sys;

import dev.conduit.ops.Struct;

/** {@code struct in_addr}, the value of {@code IP_MULTICAST_IF}; {@code s_addr} holds the address in network order. */
@Struct("in_addr")
public record InAddr(int s_addr) {
}
