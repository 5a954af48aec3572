package dev.conduit.net;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every {@link PollerTest} again on the poll(2) fallback ({@code -Ddev.conduit.poller=poll}). */
class PollFallbackTest extends PollerTest {

    @BeforeEach
    void usePoll() {
        System.setProperty("dev.conduit.poller", "poll");
    }

    @AfterEach
    void usePlatformPoller() {
        System.clearProperty("dev.conduit.poller");
    }

    @Test
    @Override
    void edgeTriggeredReportsOncePerArrival() throws IOException {
        try (Poller poller = Poller.open(); Loopback loopback = Loopback.open()) {
            loopback.server().socket().setBlocking(false);
            assertThrows(UnsupportedOperationException.class,
                    () -> poller.register(loopback.server().socket(), Poller.READ, true, null), "level-triggered only");
        }
    }
}
