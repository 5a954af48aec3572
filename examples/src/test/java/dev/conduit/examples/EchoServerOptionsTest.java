package dev.conduit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EchoServerOptionsTest {

    @Test
    void defaultsToLoopback() {
        assertEquals(new EchoServerOptions("127.0.0.1", 7007), EchoServerOptions.parse());
    }

    @Test
    void acceptsBothSpellings() {
        assertEquals(new EchoServerOptions("0.0.0.0", 9000), EchoServerOptions.parse("--host", "0.0.0.0", "--port=9000"));
        assertEquals(new EchoServerOptions("127.0.0.1", 0), EchoServerOptions.parse("--port", "0"));
    }

    @Test
    void rejectsBadPortsAndUnknownOptions() {
        for (String[] args : new String[][] {{"--port", "65536"}, {"--port", "-1"}, {"--port", "x"}, {"--port"}, {"-p", "1"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EchoServerOptions.parse(args));
            assertTrue(e.getMessage().contains("--port") || e.getMessage().contains("unknown option"), e.getMessage());
        }
    }
}
