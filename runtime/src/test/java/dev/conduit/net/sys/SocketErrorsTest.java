package dev.conduit.net.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.conduit.net.ConnectionResetException;
import dev.conduit.net.ErrnoException;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The errno numbers here are arbitrary: the mapping must look at names only. */
class SocketErrorsTest {

    @ParameterizedTest
    @CsvSource({
        "bind,    EADDRINUSE,    java.net.BindException",
        "bind,    EADDRNOTAVAIL, java.net.BindException",
        "connect, ECONNREFUSED,  java.net.ConnectException",
        "connect, ETIMEDOUT,     java.net.ConnectException",
        "connect, EHOSTUNREACH,  java.net.NoRouteToHostException",
        "connect, ENETUNREACH,   java.net.NoRouteToHostException",
        "recv,    EAGAIN,        java.net.SocketTimeoutException",
        "send,    EWOULDBLOCK,   java.net.SocketTimeoutException",
        "recv,    ECONNRESET,    dev.conduit.net.ConnectionResetException",
        "recv,    ETIMEDOUT,     dev.conduit.net.ErrnoException",
        "send,    EPIPE,         dev.conduit.net.ErrnoException",
        "socket,  EMFILE,        dev.conduit.net.ErrnoException",
    })
    void mapsByErrnoName(String function, String errnoName, Class<?> type) {
        IOException e = SocketErrors.forErrno(function, errnoName, 12345);
        assertSame(type, e.getClass());
        assertEquals(function + ": " + errnoName, e.getMessage());
    }

    @Test
    void errnoExceptionsCarryTheCall() {
        ErrnoException e = assertInstanceOf(ErrnoException.class, SocketErrors.forErrno("send", "EPIPE", 32));
        assertEquals("send", e.function());
        assertEquals("EPIPE", e.errnoName());
        assertEquals(32, e.errno());
        ConnectionResetException reset = assertInstanceOf(ConnectionResetException.class, SocketErrors.forErrno("recv", "ECONNRESET", 54));
        assertEquals("ECONNRESET", reset.errnoName());
    }

    @Test
    void contextKeepsTypeAndFields() {
        IOException refused = SocketErrors.withContext(SocketErrors.forErrno("connect", "ECONNREFUSED", 111), "127.0.0.1:1");
        assertSame(ConnectException.class, refused.getClass());
        assertEquals("connect: ECONNREFUSED (127.0.0.1:1)", refused.getMessage());

        assertSame(BindException.class, SocketErrors.withContext(SocketErrors.forErrno("bind", "EADDRINUSE", 98), "x").getClass());
        assertSame(NoRouteToHostException.class, SocketErrors.withContext(SocketErrors.forErrno("connect", "EHOSTUNREACH", 113), "x").getClass());
        assertSame(SocketTimeoutException.class, SocketErrors.withContext(SocketErrors.forErrno("recv", "EAGAIN", 11), "x").getClass());

        ConnectionResetException reset = assertInstanceOf(ConnectionResetException.class,
                SocketErrors.withContext(SocketErrors.forErrno("recv", "ECONNRESET", 104), "10.0.0.1:80"));
        assertEquals("recv: ECONNRESET (10.0.0.1:80)", reset.getMessage());
        assertEquals(104, reset.errno());

        ErrnoException other = assertInstanceOf(ErrnoException.class,
                SocketErrors.withContext(SocketErrors.forErrno("connect", "EACCES", 13), "10.0.0.1:80"));
        assertEquals("connect", other.function());
        assertEquals("EACCES", other.errnoName());
        assertEquals(13, other.errno());
    }

    @Test
    void otherExceptionsAreLeftAlone() {
        IOException unrelated = new IOException("unrelated");
        assertSame(unrelated, SocketErrors.withContext(unrelated, "x"));
    }
}
