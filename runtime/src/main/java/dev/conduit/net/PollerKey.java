package dev.conduit.net;

import java.io.IOException;

/** A socket's registration with a {@link Poller}: its interest, and what the caller attached. */
public final class PollerKey {

    private final Poller poller;
    private final NativeSocket socket;
    private final int fd;
    private final int token;
    private final boolean edgeTriggered;
    private final Object attachment;
    private int interest;
    private boolean cancelled;

    PollerKey(Poller poller, NativeSocket socket, int fd, int token, int interest, boolean edgeTriggered,
              Object attachment) {
        this.poller = poller;
        this.socket = socket;
        this.fd = fd;
        this.token = token;
        this.interest = interest;
        this.edgeTriggered = edgeTriggered;
        this.attachment = attachment;
    }

    public NativeSocket socket() {
        return socket;
    }

    public Object attachment() {
        return attachment;
    }

    public int interest() {
        return interest;
    }

    public boolean edgeTriggered() {
        return edgeTriggered;
    }

    /** Changes what the socket is watched for: {@code epoll_ctl(EPOLL_CTL_MOD)} / {@code kevent}. */
    public void interest(int newInterest) throws IOException {
        requireValid();
        poller.changeInterest(this, newInterest);
        interest = newInterest;
    }

    /** Stops watching the socket; do it before closing the socket. Idempotent. */
    public void cancel() throws IOException {
        if (!cancelled) {
            cancelled = true;
            poller.cancel(this);
        }
    }

    public boolean isValid() {
        return !cancelled;
    }

    int token() {
        return token;
    }

    /** The descriptor's number when registered, to forget it after the socket was closed. */
    int fd() {
        return fd;
    }

    private void requireValid() {
        if (cancelled) {
            throw new java.nio.channels.CancelledKeyException();
        }
    }
}
