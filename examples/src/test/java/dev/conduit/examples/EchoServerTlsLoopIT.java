package dev.conduit.examples;

import java.util.List;

/** {@link EchoServerTlsContract}: the black-box run over TLS 1.3 in loop mode. */
class EchoServerTlsLoopIT extends EchoServerTlsContract {

    @Override
    List<String> plainModeArgs() {
        return List.of("--mode", "loop");
    }
}
