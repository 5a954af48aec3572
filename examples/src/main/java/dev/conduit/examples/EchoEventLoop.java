package dev.conduit.examples;

/** An event-loop thread of {@code --mode loop}: {@link EchoLoop} for plain streams, {@link EchoTlsLoop} for {@code --tls}. */
interface EchoEventLoop {

    /** Starts the loop's thread. */
    void start();

    /** Asks the loop to close everything and end. Any thread; idempotent. */
    void stop();

    /** Waits at most {@code millis} for the loop to end. */
    void join(long millis) throws InterruptedException;

    /** Waits for the loop to end (after {@link #stop()}, or a failure). */
    void join() throws InterruptedException;
}
