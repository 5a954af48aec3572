package dev.conduit.net;

import java.net.InetAddress;
import java.net.SocketAddress;
import java.util.Optional;

/**
 * What one receive on a datagram socket got.
 *
 * @param length the bytes stored in the caller's buffer
 * @param truncated whether the datagram was longer than the buffer, so its end was dropped
 *     ({@code MSG_TRUNC}): a datagram is never split across receives
 * @param sender where it came from: an {@link java.net.InetSocketAddress} (an IPv4-mapped sender as
 *     IPv4), or for a Unix datagram socket its path or abstract name (empty path: an unnamed sender);
 *     null where the kernel reported none
 * @param destination the address it was sent to, when asked for with
 *     {@link ConduitSocketOptions#IP_PKTINFO} (which of a multi-homed host's addresses, or a
 *     broadcast or multicast address)
 */
public record ReceivedDatagram(long length, boolean truncated, SocketAddress sender,
                               Optional<InetAddress> destination) {
}
