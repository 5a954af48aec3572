package dev.conduit.examples;

import dev.conduit.net.UnixListener;
import dev.conduit.net.UnixStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * The echo server's Unix stream socket at a path, and the socket file that comes with it.
 *
 * <p>The kernel creates the file on bind and never removes it, so a server that crashed leaves one
 * behind and the next bind fails with {@code EADDRINUSE}. Before binding, a file already at the path
 * is looked at: a socket that refuses a connection ({@link ConnectException}: nobody listens) is such
 * a leftover and is removed; a socket that accepts one is another server's, and anything that is not
 * a socket (a regular file, a directory, a symbolic link) is never touched: both are errors. Between
 * the check and the bind another server could take the path; its bind or ours then fails, and
 * nothing is deleted under it.
 *
 * <p>{@link #close()} stops listening and removes the file, if it is still the one this bind made
 * (same file key): a file someone put there since is left alone.
 */
final class EchoUnixSocket implements AutoCloseable {

    /** {@code S_IFMT} and {@code S_IFSOCK} of {@code st_mode}: the same on Linux and macOS. */
    private static final int FILE_TYPE_MASK = 0170000;
    private static final int SOCKET_TYPE = 0140000;

    private final Path path;
    private final UnixListener listener;
    private final Object fileKey;

    private EchoUnixSocket(Path path, UnixListener listener, Object fileKey) {
        this.path = path;
        this.listener = listener;
        this.fileKey = fileKey;
    }

    /** Listens at {@code path}, replacing a stale socket file there (see above). */
    static EchoUnixSocket open(Path path) throws EchoListeners.StartupException {
        removeIfStale(path);
        UnixListener listener;
        try {
            listener = UnixListener.bind(path);
        } catch (IOException | IllegalArgumentException e) { // IllegalArgumentException: too long, naming the limit
            throw new EchoListeners.StartupException("cannot listen on " + path + ": " + e.getMessage(), e);
        }
        Object key = fileKey(path);
        return new EchoUnixSocket(path, listener, key);
    }

    private static void removeIfStale(Path path) throws EchoListeners.StartupException {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return; // the usual case: nothing there
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return; // cannot tell: let bind report what is wrong with the path
        }
        if ((mode & FILE_TYPE_MASK) != SOCKET_TYPE) {
            throw new EchoListeners.StartupException("cannot listen on " + path + ": it exists and is not a socket"
                    + " (left as it is)", null);
        }
        UnixStream probe;
        try {
            probe = UnixStream.connect(UnixDomainSocketAddress.of(path));
        } catch (ConnectException stale) {
            probe = null; // nobody listens: a leftover of a server that did not remove it
        } catch (IllegalArgumentException e) {
            throw new EchoListeners.StartupException("cannot listen on " + path + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new EchoListeners.StartupException("cannot listen on " + path + ": it exists, and connecting to it"
                    + " to see whether it is in use failed: " + e.getMessage(), e);
        }
        if (probe != null) {
            EchoListeners.closeAll(List.of(probe));
            throw new EchoListeners.StartupException("cannot listen on " + path + ": another server listens there", null);
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new EchoListeners.StartupException("cannot listen on " + path + ": cannot remove the stale socket"
                    + " file there: " + e.getMessage(), e);
        }
    }

    private static Object fileKey(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null; // removed already (or no file keys on this file system)
        }
    }

    Path path() {
        return path;
    }

    UnixListener listener() {
        return listener;
    }

    /** Stops listening and removes the socket file if it is still this one. Idempotent. */
    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // the descriptor is released anyway
        }
        Object now = fileKey(path);
        if (now != null && (fileKey == null || now.equals(fileKey))) { // null: no file keys here, trust the path
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                System.err.println("cannot remove " + path + ": " + e.getMessage());
            }
        }
    }
}
