package dev.conduit.net;

import java.util.OptionalLong;

/**
 * Who is at the other end of a Unix-domain socket, as the kernel recorded it when the connection
 * was made (the peer cannot forge it): {@code SO_PEERCRED} on Linux; {@code LOCAL_PEERCRED} (with
 * the first group as {@code gid}) and {@code LOCAL_PEERPID} on macOS.
 *
 * @param pid the peer's process id, where the platform reports it
 * @param uid its effective user id
 * @param gid its effective group id
 */
public record PeerCredentials(OptionalLong pid, int uid, int gid) {
}
