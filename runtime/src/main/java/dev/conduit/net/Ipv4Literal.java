package dev.conduit.net;

import dev.conduit.net.sys.Quoted;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * Parses IPv4 dotted-quad literals. Strict: exactly four decimal parts of 0..255 and no leading
 * zeros, because C's {@code inet_aton} reads {@code 010} as octal 8 and Java reads it as 10, and
 * reads {@code 1.2.3} as 1.2.0.3.
 */
final class Ipv4Literal {

    private static final int PARTS = 4;
    private static final int MAX_PART = 255;

    private Ipv4Literal() {
    }

    /**
     * The four address bytes of {@code host}, in network order.
     *
     * @throws UnknownHostException when {@code host} is not such a literal
     */
    static byte[] parse(String host) throws UnknownHostException {
        Objects.requireNonNull(host, "host");
        String[] parts = host.split("\\.", -1);
        if (parts.length != PARTS) {
            throw notALiteral(host);
        }
        byte[] address = new byte[PARTS];
        for (int i = 0; i < PARTS; i++) {
            address[i] = (byte) part(host, parts[i]);
        }
        return address;
    }

    private static int part(String host, String part) throws UnknownHostException {
        boolean decimal = !part.isEmpty() && part.length() <= 3 && part.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!decimal || (part.length() > 1 && part.charAt(0) == '0')) {
            throw notALiteral(host);
        }
        int value = Integer.parseInt(part);
        if (value > MAX_PART) {
            throw notALiteral(host);
        }
        return value;
    }

    private static UnknownHostException notALiteral(String host) {
        return new UnknownHostException(Quoted.of(host) + " is not an IPv4 address such as 127.0.0.1"
                + " (four decimal parts 0..255, no leading zeros)");
    }
}
