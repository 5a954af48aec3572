package dev.conduit.net.sys;

import dev.conduit.ops.Struct;

/** macOS's {@code struct xucred}, the value of {@code LOCAL_PEERCRED}; {@code cr_groups} as its bytes. */
@Struct("xucred")
public record Xucred(int cr_uid, byte[] cr_groups) {
}
