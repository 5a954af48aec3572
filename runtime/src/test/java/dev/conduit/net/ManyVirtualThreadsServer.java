package dev.conduit.net;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;

/**
 * The server side of {@link ManyVirtualThreadsTest}, in a child JVM whose virtual-thread scheduler
 * has two carriers: one virtual thread per connection, each blocked in {@code read} until its byte
 * arrives, then echoing it. It prints {@code port P}, {@code reading N} once every reader is in
 * read, {@code ticks T} twice a second (a virtual thread that counts while the readers wait),
 * and at the end {@code served N} and {@code pinned K} (JFR's jdk.VirtualThreadPinned events).
 */
public final class ManyVirtualThreadsServer {

    private ManyVirtualThreadsServer() {
    }

    public static void main(String[] args) throws Exception {
        int connections = Integer.parseInt(args[0]);
        Path jfr = Path.of(args[1]);
        AtomicInteger reading = new AtomicInteger();
        AtomicInteger served = new AtomicInteger();
        AtomicLong ticks = new AtomicLong();
        warmUp(); // first uses link downcalls and load classes, which may pin a waiting virtual thread once
        try (Recording recording = new Recording(); TcpListener listener = TcpListener.bind("127.0.0.1", 0)) {
            recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO);
            recording.start();
            System.out.println("port " + listener.localAddress().getPort());
            Thread.ofVirtual().start(() -> {
                while (true) {
                    ticks.incrementAndGet();
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            Thread acceptor = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < connections; i++) {
                    try {
                        TcpStream stream = listener.accept();
                        Thread.ofVirtual().start(() -> serve(stream, reading, served));
                    } catch (IOException e) {
                        System.out.println("accept failed: " + e);
                        return;
                    }
                }
            });
            boolean announced = false;
            long deadline = System.nanoTime() + Duration.ofSeconds(100).toNanos();
            while (served.get() < connections && System.nanoTime() < deadline) {
                Thread.sleep(500);
                if (!announced && reading.get() == connections) {
                    announced = true;
                    System.out.println("reading " + connections);
                }
                System.out.println("ticks " + ticks.get());
            }
            acceptor.join(1000);
            recording.stop();
            recording.dump(jfr);
            List<String> pinned = RecordingFile.readAllEvents(jfr).stream()
                    .filter(e -> e.getEventType().getName().equals("jdk.VirtualThreadPinned"))
                    .map(e -> e.getStackTrace() == null ? "?" : e.getStackTrace().getFrames().stream().limit(6)
                            .map(f -> f.getMethod().getType().getName() + "." + f.getMethod().getName()).toList().toString())
                    .toList();
            System.out.println("served " + served.get());
            System.out.println("pinned " + pinned.size() + (pinned.isEmpty() ? "" : " " + pinned));
        }
    }

    /**
     * One connection served the same way before anything is recorded. The client waits before it
     * writes, so the server's read certainly parks: the parking path's classes are loaded here,
     * not by thousands of virtual threads at once (a contended class load pins).
     */
    private static void warmUp() throws Exception {
        try (TcpListener listener = TcpListener.bind("127.0.0.1", 0)) {
            Thread server = Thread.ofVirtual().start(() -> {
                try {
                    serve(listener.accept(), new AtomicInteger(), new AtomicInteger());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread client = Thread.ofVirtual().start(() -> {
                try (TcpStream stream = TcpStream.connect(listener.localAddress())) {
                    Thread.sleep(200);
                    stream.writeAll(new byte[] {1});
                    stream.read(new byte[1]);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            server.join();
            client.join();
        }
    }

    private static void serve(TcpStream stream, AtomicInteger reading, AtomicInteger served) {
        try (stream) {
            byte[] one = new byte[1];
            reading.incrementAndGet();
            if (stream.read(one) == 1) {
                stream.writeAll(one);
                served.incrementAndGet();
            }
        } catch (IOException e) {
            System.out.println("serve failed: " + e);
        }
    }
}
