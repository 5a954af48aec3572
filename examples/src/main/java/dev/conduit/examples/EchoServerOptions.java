package dev.conduit.examples;

/**
 * Command line of {@link EchoServer}: {@code [--host IPV4] [--port P]}.
 *
 * @param host the IPv4 literal to listen on; loopback unless asked otherwise
 * @param port the TCP port; 0 picks a free one
 */
record EchoServerOptions(String host, int port) {

    static final String USAGE = "usage: java -jar echo-server.jar [--host IPV4_ADDRESS] [--port 0-65535]";

    static EchoServerOptions parse(String... args) {
        String host = "127.0.0.1";
        int port = 7007;
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
                case "--host" -> host = value;
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
