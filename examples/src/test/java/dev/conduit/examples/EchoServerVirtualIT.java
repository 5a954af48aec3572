package dev.conduit.examples;

import java.util.List;

/** {@link EchoServerModeContract} in virtual mode. */
class EchoServerVirtualIT extends EchoServerModeContract {

    @Override
    List<String> modeArgs() {
        return List.of("--mode", "virtual");
    }

    @Override
    boolean holdsManyIdleConnections() {
        return true;
    }
}
