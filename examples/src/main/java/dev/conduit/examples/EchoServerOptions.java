package dev.conduit.examples;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Command line of {@link EchoServer}: {@code [--host HOST] [--port P] [--udp] [--unix PATH]}.
 *
 * @param host the address or name to listen on; empty for the loopback address of each IP family
 *     the kernel has (see {@link EchoListeners})
 * @param port the TCP or UDP port; 0 picks a free one (the same one on every address)
 * @param udp whether the IP sockets are UDP instead of TCP
 * @param unix the path of a Unix stream socket to serve as well
 * @param serveIp whether to serve IP at all: always without {@code --unix}; with it only when
 *     {@code --host}, {@code --port} or {@code --udp} asks for IP too
 */
record EchoServerOptions(Optional<String> host, int port, boolean udp, Optional<Path> unix, boolean serveIp) {

    static final int DEFAULT_PORT = 7007;

    static final String USAGE = """
            usage: java -jar echo-server.jar [--host HOST] [--port 0-65535] [--udp] [--unix PATH]
              --host HOST  an IPv4 address (127.0.0.1), an IPv6 address (::1 or [::1]) or a name, served
                           on every address the name resolves to. Without it: the loopback address of
                           each IP family the kernel has, 127.0.0.1 and ::1 (whatever /etc/hosts says
                           localhost is); without IPv6 a note on stderr, and IPv4 only.
              --port P     the TCP (or UDP) port, 7007 unless given; 0 picks a free one, the same on
                           every address.
              --udp        serve UDP instead of TCP on those addresses: each datagram (up to 65507
                           bytes, empty ones too) goes back unchanged to its sender.
              --unix PATH  serve a Unix stream socket at PATH too, removed on exit. A socket file left
                           there by a crash (nothing listening) is replaced; anything else at PATH is an
                           error. With --unix alone only PATH is served; add --host, --port or --udp to
                           serve IP as well.
            Prints one 'listening on ADDRESS:PORT' line per IP address (IPv6 in brackets: [::1]:7007;
            the same for TCP and UDP), then 'listening on PATH' for --unix, and 'stopped' on SIGINT or
            SIGTERM. Exit status 2 for bad arguments, 1 when it cannot listen.""";

    /** TCP on every loopback address, or {@code host}, on {@code port}. */
    EchoServerOptions(Optional<String> host, int port) {
        this(host, port, false, Optional.empty(), true);
    }

    EchoServerOptions {
        host.ifPresent(h -> {
            if (h.isEmpty()) {
                throw new IllegalArgumentException("--host needs a value");
            }
        });
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be a number from 0 to 65535, not " + port);
        }
        unix.ifPresent(path -> {
            if (path.toString().isEmpty()) {
                throw new IllegalArgumentException("--unix needs a value");
            }
        });
        if (!serveIp && unix.isEmpty()) {
            throw new IllegalArgumentException("nothing to serve: neither IP nor --unix");
        }
    }

    static EchoServerOptions parse(String... args) {
        Optional<String> host = Optional.empty();
        int port = DEFAULT_PORT;
        boolean portGiven = false;
        boolean udp = false;
        Optional<Path> unix = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (name.equals("--udp")) {
                if (arg.contains("=")) {
                    throw new IllegalArgumentException("--udp takes no value: " + arg);
                }
                udp = true;
                continue;
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (name.equals("--host") || name.equals("--port") || name.equals("--unix")) {
                if (++i == args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = args[i];
            } else {
                throw new IllegalArgumentException("unknown option " + arg);
            }
            switch (name) {
                case "--host" -> {
                    if (value.isEmpty()) {
                        throw new IllegalArgumentException("--host needs a value");
                    }
                    host = Optional.of(value);
                }
                case "--port" -> {
                    port = parsePort(value);
                    portGiven = true;
                }
                case "--unix" -> unix = Optional.of(parsePath(value));
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        boolean serveIp = unix.isEmpty() || host.isPresent() || portGiven || udp;
        return new EchoServerOptions(host, port, udp, unix, serveIp);
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the same message as a number out of range
        }
        throw new IllegalArgumentException("--port must be a number from 0 to 65535, not '" + value + "'");
    }

    private static Path parsePath(String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("--unix needs a value");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("--unix: not a path: " + e.getMessage(), e);
        }
    }
}
