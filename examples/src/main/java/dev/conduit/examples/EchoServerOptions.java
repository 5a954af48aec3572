package dev.conduit.examples;

import java.util.Optional;

/**
 * Command line of {@link EchoServer}: {@code [--host HOST] [--port P]}.
 *
 * @param host the address or name to listen on; empty for the loopback address of each IP family
 *     the kernel has (see {@link EchoListeners})
 * @param port the TCP port; 0 picks a free one (the same one on every address)
 */
record EchoServerOptions(Optional<String> host, int port) {

    static final int DEFAULT_PORT = 7007;

    static final String USAGE = """
            usage: java -jar echo-server.jar [--host HOST] [--port 0-65535]
              --host HOST  an IPv4 address (127.0.0.1), an IPv6 address (::1 or [::1]) or a name, served
                           on every address the name resolves to. Without it: the loopback address of
                           each IP family the kernel has, 127.0.0.1 and ::1 (whatever /etc/hosts says
                           localhost is); without IPv6 a note on stderr, and IPv4 only.
              --port P     the TCP port, 7007 unless given; 0 picks a free one, the same on every address.
            Prints one 'listening on ADDRESS:PORT' line per address (IPv6 in brackets: [::1]:7007),
            and 'stopped' on SIGINT or SIGTERM. Exit status 2 for bad arguments, 1 when it cannot listen.""";

    EchoServerOptions {
        host.ifPresent(h -> {
            if (h.isEmpty()) {
                throw new IllegalArgumentException("--host needs a value");
            }
        });
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be a number from 0 to 65535, not " + port);
        }
    }

    static EchoServerOptions parse(String... args) {
        Optional<String> host = Optional.empty();
        int port = DEFAULT_PORT;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (name.equals("--host") || name.equals("--port")) {
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
                case "--port" -> port = parsePort(value);
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        return new EchoServerOptions(host, port);
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
}
