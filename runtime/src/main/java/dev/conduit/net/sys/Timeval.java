package dev.conduit.net.sys;

import dev.conduit.ops.Struct;

/**
 * {@code struct timeval}, the value of {@code SO_RCVTIMEO}/{@code SO_SNDTIMEO}; {@code tv_usec} is
 * 64 bits on Linux and 32 on macOS, which the generated code checks.
 */
@Struct("timeval")
public record Timeval(long tv_sec, long tv_usec) {
}
