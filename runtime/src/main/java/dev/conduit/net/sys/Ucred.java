package dev.conduit.net.sys;

import dev.conduit.ops.Struct;

/** Linux's {@code struct ucred}, the value of {@code SO_PEERCRED}. */
@Struct("ucred")
public record Ucred(int pid, int uid, int gid) {
}
