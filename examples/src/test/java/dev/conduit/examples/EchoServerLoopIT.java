package dev.conduit.examples;

import java.util.List;

/** {@link EchoServerModeContract} in loop mode, one event loop. */
class EchoServerLoopIT extends EchoServerModeContract {

    @Override
    List<String> modeArgs() {
        return List.of("--mode", "loop");
    }

    @Override
    boolean holdsManyIdleConnections() {
        return true;
    }
}
