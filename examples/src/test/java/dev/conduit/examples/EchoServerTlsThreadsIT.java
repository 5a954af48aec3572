package dev.conduit.examples;

import java.util.List;

/** {@link EchoServerTlsContract}: the black-box run over TLS 1.3 in threads mode. */
class EchoServerTlsThreadsIT extends EchoServerTlsContract {

    @Override
    List<String> plainModeArgs() {
        return List.of("--mode", "threads");
    }
}
