package dev.conduit.benchmarks.tls;

import dev.conduit.net.tls.PemKeyMaterial;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Closed-loop TLS echo load on 127.0.0.1: {@code CONNS} JDK SSLSocket clients (TLS 1.3), one
 * platform thread each, each writing {@code SIZE} bytes and reading them back, verified, over and
 * over: {@code WARM} s unmeasured, then {@code SECS} s measured. Prints one line: messages per
 * second, MiB/s one way, and the server's CPU (user + system, from /proc/PID/stat) per message in
 * microseconds. Every loop is bounded by time. Usage:
 * {@code TlsEchoLoad NAME PORT CA.pem CONNS SIZE WARM SECS SERVER_PID}.
 */
public final class TlsEchoLoad {

    private TlsEchoLoad() {
    }

    public static void main(String[] args) throws Exception {
        String name = args[0];
        int port = Integer.parseInt(args[1]);
        SSLContext context = PemKeyMaterial.trusting(Path.of(args[2]));
        int conns = Integer.parseInt(args[3]);
        int size = Integer.parseInt(args[4]);
        double warm = Double.parseDouble(args[5]);
        double secs = Double.parseDouble(args[6]);
        long serverPid = Long.parseLong(args[7]);
        AtomicLong messages = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + (long) (warm * 1e9);
        long end = measureFrom + (long) (secs * 1e9);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < conns; c++) {
            clients.add(Thread.ofPlatform().daemon().start(() -> run(context, port, size, measureFrom, end, messages, errors)));
        }
        while (System.nanoTime() < measureFrom) {
            Thread.sleep(5);
        }
        long cpuBefore = cpuTicks(serverPid);
        long countBefore = messages.get();
        long t0 = System.nanoTime();
        while (System.nanoTime() < end) {
            Thread.sleep(5);
        }
        long counted = messages.get() - countBefore;
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long cpuTicks = cpuTicks(serverPid) - cpuBefore;
        for (Thread client : clients) {
            client.join(10_000);
        }
        double rate = counted / elapsed;
        double cpuMicrosPerMessage = counted == 0 ? 0 : cpuTicks * 1e6 / 100.0 / counted; // USER_HZ = 100
        System.out.printf(Locale.ROOT, "server=%s conns=%d size=%d msgs_per_s=%.0f MiB_per_s=%.2f srv_us_per_msg=%.2f errors=%d%n",
                name, conns, size, rate, rate * size / (1 << 20), cpuMicrosPerMessage, errors.get());
    }

    private static void run(SSLContext context, int port, int size, long measureFrom, long end, AtomicLong messages,
            AtomicLong errors) {
        byte[] payload = new byte[size];
        Arrays.fill(payload, (byte) 'x');
        byte[] echo = new byte[size];
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            socket.setEnabledProtocols(new String[] {"TLSv1.3"});
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            while (System.nanoTime() < end) {
                out.write(payload);
                if (in.readNBytes(echo, 0, size) != size || !Arrays.equals(payload, echo)) {
                    errors.incrementAndGet();
                    return;
                }
                if (System.nanoTime() >= measureFrom) {
                    messages.incrementAndGet();
                }
            }
        } catch (IOException e) {
            errors.incrementAndGet();
        }
    }

    /** utime + stime of {@code pid}, in clock ticks. */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
