package dev.conduit.net.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Name resolution with the platform's {@code getaddrinfo(3)}: every address in its order (which
 * follows RFC 6724 and {@code /etc/gai.conf} on glibc), each once. The {@code addrinfo} fields are
 * found by name in the variant's layout, so the BSD field order needs no special case. The list is
 * always freed with {@code freeaddrinfo}. {@code EAI_*} codes (negative on glibc, positive on BSD)
 * are named by comparing with the variant's constants.
 */
final class PosixResolver {

    private final Posix posix;
    private final PosixAddresses addresses;
    private final StructLayout addrinfo;
    private final VarHandle flags;
    private final VarHandle family;
    private final VarHandle socktype;
    private final VarHandle address;
    private final VarHandle next;
    private final Map<Integer, String> errorNames;

    PosixResolver(Posix posix, PosixAddresses addresses) {
        this.posix = posix;
        this.addresses = addresses;
        this.addrinfo = posix.addrinfoLayout();
        this.flags = field("ai_flags");
        this.family = field("ai_family");
        this.socktype = field("ai_socktype");
        this.address = field("ai_addr");
        this.next = field("ai_next");
        this.errorNames = Map.of(posix.eaiAgain(), "EAI_AGAIN", posix.eaiBadFlags(), "EAI_BADFLAGS",
                posix.eaiFail(), "EAI_FAIL", posix.eaiFamily(), "EAI_FAMILY", posix.eaiMemory(), "EAI_MEMORY",
                posix.eaiNoName(), "EAI_NONAME", posix.eaiService(), "EAI_SERVICE",
                posix.eaiSocktype(), "EAI_SOCKTYPE", posix.eaiSystem(), "EAI_SYSTEM",
                posix.eaiOverflow(), "EAI_OVERFLOW");
    }

    List<InetAddress> resolve(String host, boolean numericOnly) throws UnknownHostException {
        if (host.indexOf('\0') >= 0) {
            throw new UnknownHostException(Quoted.of(host) + " contains a NUL character");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment hints = arena.allocate(addrinfo);
            flags.set(hints, 0L, numericOnly ? posix.aiNumericHost() : 0);
            family.set(hints, 0L, posix.afUnspec());
            socktype.set(hints, 0L, posix.sockStream()); // one entry per address, not one per socket type
            MemorySegment result = arena.allocate(ValueLayout.ADDRESS);
            int code = posix.getaddrinfo(arena.allocateFrom(host, StandardCharsets.UTF_8), MemorySegment.NULL,
                    hints, result);
            if (code != 0) {
                throw failure(host, code, numericOnly);
            }
            MemorySegment list = result.get(ValueLayout.ADDRESS, 0L);
            try {
                return collect(list);
            } finally {
                posix.freeaddrinfo(list);
            }
        }
    }

    @SuppressWarnings("restricted") // getaddrinfo's pointers come as zero-length segments: sized by their C types
    private List<InetAddress> collect(MemorySegment list) {
        Set<InetAddress> found = new LinkedHashSet<>();
        for (MemorySegment entry = list; !entry.equals(MemorySegment.NULL); entry = (MemorySegment) next.get(entry, 0L)) {
            entry = entry.reinterpret(addrinfo.byteSize());
            MemorySegment sockaddr = (MemorySegment) address.get(entry, 0L);
            if (!sockaddr.equals(MemorySegment.NULL)) {
                found.add(addresses.decodeInet(sockaddr.reinterpret(posix.sockaddrStorageLayout().byteSize()))
                        .getAddress());
            }
        }
        return new ArrayList<>(found);
    }

    @SuppressWarnings("restricted") // gai_strerror returns a NUL-terminated static string of unknown length
    private UnknownHostException failure(String host, int code, boolean numericOnly) {
        String name = errorNames.getOrDefault(code, "EAI " + code);
        String reason = posix.gaiStrerror(code).reinterpret(Integer.MAX_VALUE).getString(0L, StandardCharsets.UTF_8);
        String what = numericOnly ? " is not an IP address literal: " : ": ";
        return new UnknownHostException(Quoted.of(host) + what + reason + " (getaddrinfo: " + name + ")");
    }

    /** The field by its C name; pointer fields read as zero-length segments, reinterpreted where used. */
    private VarHandle field(String name) {
        return addrinfo.varHandle(PathElement.groupElement(name));
    }
}
