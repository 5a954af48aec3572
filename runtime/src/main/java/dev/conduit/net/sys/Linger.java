package dev.conduit.net.sys;

import dev.conduit.ops.Struct;

/** {@code struct linger}, the value of {@code SO_LINGER}: on or off, and for how many seconds. */
@Struct("linger")
public record Linger(int l_onoff, int l_linger) {
}
