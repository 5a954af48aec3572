package dev.conduit.net.sys;

import dev.conduit.net.ConnectionResetException;
import dev.conduit.net.ErrnoException;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.util.Set;

/**
 * Turns a failed call into the exception a Java caller expects. Decides by errno NAME, which is the
 * same on every platform, never by number, which is not (ECONNRESET is 104 on Linux, 54 on macOS).
 * The generated {@link Posix} implementations call {@link #forErrno}.
 */
public final class SocketErrors {

    /** The calls whose EADDRINUSE/EADDRNOTAVAIL are about the local address. */
    private static final Set<String> ADDRESS_CALLS = Set.of("bind", "connect", "listen", "sendto");

    private SocketErrors() {
    }

    /**
     * The exception for {@code function} failing with {@code errno}, with the message
     * {@code "connect: ECONNREFUSED"}; {@link #withContext} adds what the call was about.
     */
    public static IOException forErrno(String function, String errnoName, int errno) {
        String message = function + ": " + errnoName;
        return switch (errnoName) {
            // an address that is taken or not this host's; elsewhere (a multicast membership) these
            // names mean something else, so they stay errno exceptions there
            case "EADDRINUSE", "EADDRNOTAVAIL" -> ADDRESS_CALLS.contains(function)
                    ? new BindException(message) : new ErrnoException(message, function, errnoName, errno);
            // connect to a Unix path where there is no socket file
            case "ENOENT" -> function.equals("connect")
                    ? new ConnectException(message) : new ErrnoException(message, function, errnoName, errno);
            // Only connect sees a refused TCP handshake; any other call sees the ICMP port-unreachable
            // a connected datagram socket received for an earlier datagram.
            case "ECONNREFUSED" -> function.equals("connect")
                    ? new ConnectException(message) : new PortUnreachableException(message);
            case "EHOSTUNREACH", "ENETUNREACH" -> new NoRouteToHostException(message);
            // A blocking socket reports these only when SO_RCVTIMEO/SO_SNDTIMEO expires.
            case "EAGAIN", "EWOULDBLOCK" -> new SocketTimeoutException(message);
            // On connect the kernel gave up on the handshake (as the JDK reports it); elsewhere an
            // established connection died, which is not a timeout the caller chose or can retry.
            case "ETIMEDOUT" -> function.equals("connect")
                    ? new ConnectException(message)
                    : new ErrnoException(message, function, errnoName, errno);
            case "ECONNRESET" -> new ConnectionResetException(message, function, errnoName, errno);
            default -> new ErrnoException(message, function, errnoName, errno);
        };
    }

    /**
     * The same failure with {@code context} appended to its message, e.g. the address a
     * {@code connect} was for. Exceptions that did not come from {@link #forErrno} are returned as they are.
     */
    public static IOException withContext(IOException failure, String context) {
        String message = failure.getMessage() + " (" + context + ")";
        IOException withContext = switch (failure) {
            case ConnectionResetException e -> new ConnectionResetException(message, e.function(), e.errnoName(), e.errno());
            case ErrnoException e -> new ErrnoException(message, e.function(), e.errnoName(), e.errno());
            case BindException _ -> new BindException(message);
            case ConnectException _ -> new ConnectException(message);
            case PortUnreachableException _ -> new PortUnreachableException(message);
            case NoRouteToHostException _ -> new NoRouteToHostException(message);
            case SocketTimeoutException _ -> new SocketTimeoutException(message);
            default -> failure;
        };
        if (withContext != failure) {
            withContext.setStackTrace(failure.getStackTrace()); // where the call failed, not where context was added
        }
        return withContext;
    }
}
