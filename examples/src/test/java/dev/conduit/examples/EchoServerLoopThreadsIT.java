package dev.conduit.examples;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

/**
 * {@link EchoServerModeContract} in loop mode with two event loops, each with its own listeners on
 * the shared port ({@code SO_REUSEPORT}): Linux only, where the kernel balances connections over them.
 */
class EchoServerLoopThreadsIT extends EchoServerModeContract {

    @Override
    List<String> modeArgs() {
        return List.of("--mode", "loop", "--threads", "2");
    }

    @Override
    boolean holdsManyIdleConnections() {
        return true;
    }

    @Override
    void assumeSupported() {
        assumeTrue(EchoServerOptions.reusePortBalances(System.getProperty("os.name")), "--threads above 1 is Linux-only");
    }
}
