package dev.conduit.net.sys;

import dev.conduit.ops.Struct;

/** {@code struct group_source_req} (RFC 3678): an interface index, a group's and a source's sockaddr, as bytes. */
@Struct("group_source_req")
public record GroupSourceReq(int gsr_interface, byte[] gsr_group, byte[] gsr_source) {
}
