package dev.conduit.examples;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Command line of {@link EchoServer}:
 * {@code [--host HOST] [--port P] [--udp] [--unix PATH] [--mode threads|virtual|loop] [--threads N]
 * [--tls --cert CERT.pem --key KEY.pem]}.
 *
 * @param host the address or name to listen on; empty for the loopback address of each IP family
 *     the kernel has (see {@link EchoListeners})
 * @param port the TCP or UDP port; 0 picks a free one (the same one on every address)
 * @param udp whether the IP sockets are UDP instead of TCP
 * @param unix the path of a Unix stream socket to serve as well
 * @param serveIp whether to serve IP at all: always without {@code --unix}; with it only when
 *     {@code --host}, {@code --port} or {@code --udp} asks for IP too
 * @param mode how stream connections (TCP and {@code --unix}) are served; UDP is the same in every mode
 * @param threads event-loop threads, {@code --mode loop} only; 1 otherwise
 * @param tls the PEM files of {@code --tls}, for TCP and {@code --unix} (never with {@code --udp})
 */
record EchoServerOptions(Optional<String> host, int port, boolean udp, Optional<Path> unix, boolean serveIp, Mode mode,
        int threads, Optional<EchoTls> tls) {

    static final int DEFAULT_PORT = 7007;
    /** More loops than this is a typo, not a tuning. */
    static final int MAX_THREADS = 256;

    /** How stream connections are served. */
    enum Mode {
        /** One platform thread per listener and per connection, blocking calls. */
        THREADS,
        /** One virtual thread per listener and per connection, the same blocking calls (they park). */
        VIRTUAL,
        /** Event loops on {@link dev.conduit.net.Poller}, non-blocking sockets. */
        LOOP;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final String USAGE = """
            usage: java -jar echo-server.jar [--host HOST] [--port 0-65535] [--udp] [--unix PATH]
                                             [--mode threads|virtual|loop] [--threads N]
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
              --mode M     how TCP and --unix connections are served (UDP: one thread per socket in
                           every mode):
                           threads  one platform thread per listener and per connection (default);
                           virtual  one virtual thread per listener and per connection;
                           loop     event loops on non-blocking sockets (epoll/kqueue): a client that
                                    does not read its echo is not read from until it does.
              --threads N  with --mode loop: N event loops, 1 unless given (at most 256). Above 1 each
                           loop has its own TCP listeners on the same port (SO_REUSEPORT, which only
                           Linux balances: refused elsewhere); --unix is served by the first loop.
            Prints one 'listening on ADDRESS:PORT' line per IP address (IPv6 in brackets: [::1]:7007;
            the same for TCP and UDP), then 'listening on PATH' for --unix, and 'stopped' on SIGINT or
            SIGTERM. Exit status 2 for bad arguments, 1 when it cannot listen.""";

    /** TCP on every loopback address, or {@code host}, on {@code port}. */
    EchoServerOptions(Optional<String> host, int port) {
        this(host, port, false, Optional.empty(), true);
    }

    /** In threads mode. */
    EchoServerOptions(Optional<String> host, int port, boolean udp, Optional<Path> unix, boolean serveIp) {
        this(host, port, udp, unix, serveIp, Mode.THREADS, 1, Optional.empty());
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
        Objects.requireNonNull(mode, "mode");
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("--threads must be a number from 1 to " + MAX_THREADS + ", not " + threads);
        }
        if (threads > 1 && mode != Mode.LOOP) {
            throw new IllegalArgumentException("--threads is for --mode loop (" + mode.label()
                    + " mode has a thread per connection)");
        }
        Objects.requireNonNull(tls, "tls");
        if (tls.isPresent() && udp) {
            throw new IllegalArgumentException("--tls is for TCP and --unix, not --udp (that would be DTLS)");
        }
    }

    /** Whether this OS spreads connections over sockets sharing a port with SO_REUSEPORT. */
    static boolean reusePortBalances(String osName) {
        return osName.toLowerCase(Locale.ROOT).startsWith("linux");
    }

    static EchoServerOptions parse(String... args) {
        return parseOn(System.getProperty("os.name", ""), args);
    }

    /** {@link #parse(String...)} as on the OS {@code osName} (it decides whether {@code --threads} above 1 works). */
    static EchoServerOptions parseOn(String osName, String... args) {
        Optional<String> host = Optional.empty();
        int port = DEFAULT_PORT;
        boolean portGiven = false;
        boolean udp = false;
        Optional<Path> unix = Optional.empty();
        Mode mode = Mode.THREADS;
        int threads = 1;
        boolean threadsGiven = false;
        boolean tls = false;
        Optional<Path> certificate = Optional.empty();
        Optional<Path> key = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (name.equals("--udp") || name.equals("--tls")) {
                if (arg.contains("=")) {
                    throw new IllegalArgumentException(name + " takes no value: " + arg);
                }
                if (name.equals("--udp")) {
                    udp = true;
                } else {
                    tls = true;
                }
                continue;
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (name.equals("--host") || name.equals("--port") || name.equals("--unix") || name.equals("--mode")
                    || name.equals("--threads") || name.equals("--cert") || name.equals("--key")) {
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
                case "--unix" -> unix = Optional.of(parsePath(name, value));
                case "--cert" -> certificate = Optional.of(parsePath(name, value));
                case "--key" -> key = Optional.of(parsePath(name, value));
                case "--mode" -> mode = parseMode(value);
                case "--threads" -> {
                    threads = parseThreads(value);
                    threadsGiven = true;
                }
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        boolean serveIp = unix.isEmpty() || host.isPresent() || portGiven || udp;
        if (threadsGiven && mode != Mode.LOOP) {
            throw new IllegalArgumentException("--threads is for --mode loop (" + mode.label()
                    + " mode has a thread per connection)");
        }
        if (threads > 1 && !reusePortBalances(osName)) {
            throw new IllegalArgumentException("--threads above 1 needs Linux: each loop listens on the port with"
                    + " SO_REUSEPORT, which " + osName + " does not balance; use --threads 1");
        }
        return new EchoServerOptions(host, port, udp, unix, serveIp, mode, threads, tls(tls, certificate, key));
    }

    private static Mode parseMode(String value) {
        for (Mode mode : Mode.values()) {
            if (mode.label().equals(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("--mode must be threads, virtual or loop, not '" + value + "'");
    }

    private static int parseThreads(String value) {
        try {
            int threads = Integer.parseInt(value);
            if (threads >= 1 && threads <= MAX_THREADS) {
                return threads;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the same message as a number out of range
        }
        throw new IllegalArgumentException("--threads must be a number from 1 to " + MAX_THREADS + ", not '" + value + "'");
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

    /** {@code --tls} needs both files, and the files need {@code --tls}. */
    private static Optional<EchoTls> tls(boolean tls, Optional<Path> certificate, Optional<Path> key) {
        if (!tls) {
            if (certificate.isPresent() || key.isPresent()) {
                throw new IllegalArgumentException("--cert and --key are for --tls");
            }
            return Optional.empty();
        }
        if (certificate.isEmpty() || key.isEmpty()) {
            throw new IllegalArgumentException("--tls needs --cert CERT.pem and --key KEY.pem");
        }
        return Optional.of(new EchoTls(certificate.get(), key.get()));
    }

    private static Path parsePath(String option, String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(option + ": not a path: " + e.getMessage(), e);
        }
    }
}
