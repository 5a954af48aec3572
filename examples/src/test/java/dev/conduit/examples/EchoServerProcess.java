package dev.conduit.examples;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The packaged echo server, started as a user would: {@code java -jar echo-server.jar --port 0}. */
final class EchoServerProcess implements AutoCloseable {

    /** {@code listening on 127.0.0.1:7007} or {@code listening on [::1]:7007}. */
    static final Pattern LISTENING = Pattern.compile("^listening on (?:\\[([0-9a-fA-F:.%\\w]+)]|(\\d+\\.\\d+\\.\\d+\\.\\d+)):(\\d+)$");

    final Process process;
    /** The port of every IP listening line (they are all the same); -1 without one. */
    final int port;
    /** The IP addresses the listening lines name, in order (a {@code --unix} path is not one). */
    final List<InetSocketAddress> listening;
    private final List<String> stdout = Collections.synchronizedList(new ArrayList<>());
    private final List<String> stderr = Collections.synchronizedList(new ArrayList<>());
    private final Thread stdoutReader;
    private final Thread stderrReader;

    private EchoServerProcess(Process process, int expectedListeners) throws IOException, InterruptedException {
        this.process = process;
        this.stdoutReader = reader(process.getInputStream(), stdout);
        this.stderrReader = reader(process.getErrorStream(), stderr);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long lines = 0;
        while (System.nanoTime() < deadline) {
            lines = stdout().stream().filter(line -> line.startsWith("listening on ")).count();
            if (lines >= expectedListeners || !process.isAlive()) {
                break;
            }
            Thread.sleep(20);
        }
        if (lines != expectedListeners) {
            close();
            throw new IOException("expected " + expectedListeners + " listening lines, got stdout " + stdout()
                    + ", stderr " + stderr());
        }
        List<InetSocketAddress> seen = listeningIn(stdout());
        this.listening = seen;
        this.port = seen.isEmpty() ? -1 : seen.getFirst().getPort();
    }

    /** Starts the server and waits (bounded) for {@code expectedListeners} listening lines, IP and Unix. */
    static EchoServerProcess start(int expectedListeners, String... args) throws IOException, InterruptedException {
        return new EchoServerProcess(new ProcessBuilder(command(args)).start(), expectedListeners);
    }

    /** As {@link #start}, with a command of the caller's (the jlink image's launcher) and environment additions. */
    static EchoServerProcess startCommand(List<String> command, Map<String, String> environment, int expectedListeners)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        return new EchoServerProcess(builder.start(), expectedListeners);
    }

    /**
     * As {@link #start}, with at most {@code limit} open descriptors (soft and hard limit, so the JVM
     * cannot raise it): {@code sh -c 'ulimit -n LIMIT && exec java -jar ...'}, the same process.
     */
    static EchoServerProcess startWithFdLimit(int limit, int expectedListeners, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", "-c", "ulimit -n " + limit + " && exec \"$@\"", "sh"));
        command.addAll(command(args));
        return new EchoServerProcess(new ProcessBuilder(command).start(), expectedListeners);
    }

    /** {@code java -jar echo-server.jar ARGS}, with the JDK running the tests. */
    static List<String> command(String... args) {
        String jar = System.getProperty("echo.server.jar", "target/echo-server.jar");
        if (!new File(jar).isFile()) {
            throw new IllegalStateException(jar + " is missing: run the tests with mvn verify (it packages first)");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs the server to its end (bounded): for arguments it must refuse. */
    static Result run(String... args) throws IOException, InterruptedException {
        try (EchoServerProcess p = new EchoServerProcess(new ProcessBuilder(command(args)).start(), 0)) {
            if (!p.process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IOException("server still running after 30 s: " + p.stdout());
            }
            p.awaitOutput();
            return new Result(p.process.exitValue(), p.stdout(), p.stderr());
        }
    }

    record Result(int exitCode, List<String> stdout, List<String> stderr) {
    }

    static List<InetSocketAddress> listeningIn(List<String> lines) throws IOException {
        List<InetSocketAddress> found = new ArrayList<>();
        for (String line : lines) {
            Matcher m = LISTENING.matcher(line);
            if (m.matches()) {
                String host = m.group(1) != null ? m.group(1) : m.group(2);
                found.add(new InetSocketAddress(InetAddress.getByName(host), Integer.parseInt(m.group(3))));
            }
        }
        return found;
    }

    /**
     * Open file descriptors of the server process: from /proc on Linux; elsewhere (macOS, where it has
     * not run yet) from {@code lsof}, which lists each numeric descriptor as an {@code f<number>} line.
     */
    long openFds() throws IOException {
        Path proc = Path.of("/proc", Long.toString(process.pid()), "fd");
        if (Files.isDirectory(proc)) {
            try (Stream<Path> fds = Files.list(proc)) {
                return fds.count();
            }
        }
        Process lsof = new ProcessBuilder("lsof", "-a", "-p", Long.toString(process.pid()), "-d", "0-1048575", "-F", "f")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(lsof.getInputStream(), StandardCharsets.UTF_8))) {
            return lines.lines().filter(line -> line.matches("f\\d+")).count();
        }
    }

    List<String> stdout() {
        synchronized (stdout) {
            return List.copyOf(stdout);
        }
    }

    List<String> stderr() {
        synchronized (stderr) {
            return List.copyOf(stderr);
        }
    }

    /** Sends a signal the way a terminal or a service manager would. */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + name + " failed");
        }
    }

    /** After the process ended: until its output is read to the end (bounded). */
    void awaitOutput() throws InterruptedException {
        stdoutReader.join(10_000);
        stderrReader.join(10_000);
    }

    /** Stops the server (TERM, then KILL after 10 s); interrupted, kills it at once and keeps the interrupt. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            awaitOutput();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static Thread reader(InputStream stream, List<String> into) {
        return Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    into.add(line);
                }
            } catch (IOException e) {
                into.add("(reading failed: " + e + ")");
            }
        });
    }
}
