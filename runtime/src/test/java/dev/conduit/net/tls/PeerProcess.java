package dev.conduit.net.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An interop peer (openssl, gnutls-serv, gnutls-cli) as a child process on loopback: its stdout
 * and stderr collected, its stdin writable, its life bounded ({@value #MAX_LIFE_SECONDS} s at most)
 * and ended by its own process handle, never by name.
 */
final class PeerProcess implements AutoCloseable {

    static final long MAX_LIFE_SECONDS = 90;

    final Process process;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final Thread stdoutReader;
    private final Thread stderrReader;

    private PeerProcess(Process process) {
        this.process = process;
        this.stdoutReader = collect(process.getInputStream(), stdout);
        this.stderrReader = collect(process.getErrorStream(), stderr);
        Thread.ofVirtual().start(() -> { // the bound on its life, whatever the test does
            try {
                if (!process.waitFor(MAX_LIFE_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException ignored) {
                process.destroyForcibly();
            }
        });
    }

    static PeerProcess start(Path dir, List<String> command) throws IOException {
        return new PeerProcess(new ProcessBuilder(command).directory(dir.toFile()).start());
    }

    /** A port nobody listens on now, for a server peer to take. */
    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** Waits (at most 20 s) until the peer accepts connections on {@code port} of 127.0.0.1. */
    void awaitListening(int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the peer exited (" + process.exitValue() + "): " + stderr());
            }
            try {
                new Socket(InetAddress.getLoopbackAddress(), port).close(); // the peer sees a connection that sends nothing
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("the peer did not listen on " + port + " within 20 s: " + stderr());
    }

    OutputStream stdin() {
        return process.getOutputStream();
    }

    /** Waits (at most {@code seconds}) for the process to exit: its exit status. */
    int awaitExit(long seconds) throws InterruptedException, IOException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new IOException("the peer still runs after " + seconds + " s; stderr: " + stderr());
        }
        stdoutReader.join(5_000);
        stderrReader.join(5_000);
        return process.exitValue();
    }

    /** Waits (at most 30 s) until the peer has written at least {@code length} bytes to stdout. */
    byte[] awaitStdout(int length) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            synchronized (stdout) {
                if (stdout.size() >= length) {
                    return stdout.toByteArray();
                }
            }
            if (!process.isAlive() && !stdoutReader.isAlive()) {
                break;
            }
            Thread.sleep(10);
        }
        return stdoutBytes();
    }

    byte[] stdoutBytes() {
        synchronized (stdout) {
            return stdout.toByteArray();
        }
    }

    String stdoutText() {
        return new String(stdoutBytes(), StandardCharsets.ISO_8859_1);
    }

    String stderr() {
        synchronized (stderr) {
            return stderr.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static Thread collect(InputStream from, ByteArrayOutputStream into) {
        return Thread.ofPlatform().daemon().name("peer-output").start(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (from) {
                int n;
                while ((n = from.read(buffer)) >= 0) {
                    synchronized (into) {
                        into.write(buffer, 0, n);
                    }
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        });
    }
}
