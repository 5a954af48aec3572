package dev.conduit.net;

/** The one check of a port number that callers give. */
final class Ports {

    static final int MAX = 0xFFFF;

    private Ports() {
    }

    static int check(int port) {
        if (port < 0 || port > MAX) {
            throw new IllegalArgumentException("port out of range 0.." + MAX + ": " + port);
        }
        return port;
    }
}
