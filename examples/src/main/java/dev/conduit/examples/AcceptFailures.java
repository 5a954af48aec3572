package dev.conduit.examples;

import dev.conduit.net.ErrnoException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * What every accept loop does when {@code accept(2)} fails while serving. Out of descriptors
 * ({@code EMFILE}, {@code ENFILE}) or kernel memory ({@code ENOBUFS}, {@code ENOMEM}): the waiting
 * connections stay in the listen queue, and retrying at once would only spin, so the listener rests
 * {@link #EXHAUSTED_BACKOFF_MILLIS} while the connections already accepted go on being served and,
 * as they end, free descriptors. A connection that went away before it was accepted
 * ({@code ECONNABORTED}, Linux's {@code EPROTO}) or a signal ({@code EINTR}) is retried at once and
 * not reported. Anything else rests {@link #OTHER_BACKOFF_MILLIS}. Reports go to stderr, at most one
 * line a second for the whole server, with how many were left out since the last.
 */
final class AcceptFailures {

    static final long EXHAUSTED_BACKOFF_MILLIS = 100;
    static final long OTHER_BACKOFF_MILLIS = 10;
    private static final long REPORT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private long lastReport = System.nanoTime() - REPORT_INTERVAL_NANOS;
    private long unreported;

    /** How long the listener should rest after {@code failure}: 0 to retry at once. */
    static long backoffMillis(IOException failure) {
        String errno = failure instanceof ErrnoException e ? e.errnoName() : "";
        return switch (errno) {
            case "ECONNABORTED", "EPROTO", "EINTR" -> 0;
            case "EMFILE", "ENFILE", "ENOBUFS", "ENOMEM" -> EXHAUSTED_BACKOFF_MILLIS;
            default -> OTHER_BACKOFF_MILLIS;
        };
    }

    /** Reports that accepting on {@code listener} failed and rests {@code backoffMillis}; rate-limited. Any thread. */
    synchronized void report(String listener, IOException failure, long backoffMillis) {
        long now = System.nanoTime();
        if (now - lastReport < REPORT_INTERVAL_NANOS) {
            unreported++;
            return;
        }
        lastReport = now;
        String more = unreported == 0 ? "" : "; " + unreported + " more accept failures since the last report";
        unreported = 0;
        String why = backoffMillis == EXHAUSTED_BACKOFF_MILLIS ? " (out of descriptors or memory)" : "";
        System.err.println("accept on " + listener + " failed: " + failure.getMessage() + why + "; not accepting there for "
                + backoffMillis + " ms, still serving open connections (at most one such line a second" + more + ")");
    }
}
