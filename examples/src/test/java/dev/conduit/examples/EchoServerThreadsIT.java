package dev.conduit.examples;

import java.util.List;

/** {@link EchoServerModeContract} in threads mode, the default: no {@code --mode}. */
class EchoServerThreadsIT extends EchoServerModeContract {

    @Override
    List<String> modeArgs() {
        return List.of();
    }

    @Override
    boolean holdsManyIdleConnections() {
        return false;
    }
}
