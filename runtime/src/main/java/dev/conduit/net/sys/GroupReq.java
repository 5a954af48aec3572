package dev.conduit.net.sys;

import dev.conduit.ops.Struct;

/** {@code struct group_req} (RFC 3678): an interface index and a group's sockaddr, as bytes. */
@Struct("group_req")
public record GroupReq(int gr_interface, byte[] gr_group) {
}
