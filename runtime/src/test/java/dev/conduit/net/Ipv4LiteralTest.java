package dev.conduit.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class Ipv4LiteralTest {

    @Test
    void parsesDottedQuadsInNetworkOrder() throws UnknownHostException {
        assertArrayEquals(new byte[] {127, 0, 0, 1}, Ipv4Literal.parse("127.0.0.1"));
        assertArrayEquals(new byte[] {0, 0, 0, 0}, Ipv4Literal.parse("0.0.0.0"));
        assertArrayEquals(new byte[] {(byte) 255, (byte) 255, (byte) 255, (byte) 255}, Ipv4Literal.parse("255.255.255.255"));
        assertArrayEquals(new byte[] {10, (byte) 200, 3, 45}, Ipv4Literal.parse("10.200.3.45"));
    }
}
