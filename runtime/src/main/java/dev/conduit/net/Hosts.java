package dev.conduit.net;

import dev.conduit.net.sys.Quoted;
import dev.conduit.net.sys.SocketSystem;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;

/**
 * Turns a host as users write it into addresses: an IPv4 literal (strict: see {@link Ipv4Literal}),
 * an IPv6 literal with or without brackets and with an optional {@code %scope}, or a name, resolved
 * with the platform's {@code getaddrinfo}. A host whose last label starts with a digit is taken for
 * an IPv4 literal, since no top-level domain does (RFC 3696 2): so {@code 1.2.3} or
 * {@code 0x7f.0.0.1} fail here rather than meaning what C's lenient {@code inet_aton} makes of them.
 */
final class Hosts {

    private Hosts() {
    }

    /**
     * Every address of {@code host}, in the resolver's order, without duplicates.
     *
     * @throws UnknownHostException naming the host and the reason
     */
    static List<InetAddress> resolve(SocketSystem system, String host) throws UnknownHostException {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new UnknownHostException("the host is empty: give a name or an address such as 127.0.0.1 or ::1");
        }
        if (host.startsWith("[") || host.endsWith("]")) {
            if (host.length() < 3 || !host.startsWith("[") || !host.endsWith("]") || host.indexOf(':') < 0) {
                throw new UnknownHostException(Quoted.of(host) + " is not a bracketed IPv6 address such as [::1]");
            }
            try {
                return system.resolve(host.substring(1, host.length() - 1), true);
            } catch (UnknownHostException inner) { // name the host as given, brackets and all
                UnknownHostException named = new UnknownHostException(Quoted.of(host)
                        + " is not a bracketed IPv6 address such as [::1]: " + inner.getMessage());
                named.initCause(inner);
                throw named;
            }
        }
        if (host.indexOf(':') >= 0) {
            return system.resolve(host, true);
        }
        if (isIpv4Attempt(host)) {
            return List.of(InetAddress.getByAddress(Ipv4Literal.parse(host)));
        }
        return system.resolve(host, false);
    }

    private static boolean isIpv4Attempt(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host; // "a.b." is fully qualified
        String lastLabel = name.substring(name.lastIndexOf('.') + 1);
        // no host name label starts with a hyphen either (RFC 952, 1123): "1.2.3.-4" is a bad literal too
        return !lastLabel.isEmpty() && (Character.isDigit(lastLabel.charAt(0)) || lastLabel.charAt(0) == '-');
    }
}
