package com.example.quickstart;

import dev.conduit.net.*;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.*;
import java.nio.charset.StandardCharsets;

/**
 * Conduit's quick start: an echo server on a virtual thread, a Conduit client and a java.net one,
 * over 127.0.0.1. Both wildcard imports on purpose: Conduit's types do not clash with java.net's
 * ({@code Socket} below is java.net's; Conduit's raw socket is {@code NativeSocket}).
 */
public final class QuickStart {

    public static void main(String[] args) throws Exception {
        try (TcpListener listener = TcpListener.bind("127.0.0.1", 0)) {   // port 0: any free port
            InetSocketAddress address = listener.localAddress();
            Thread server = Thread.ofVirtual().start(() -> {
                echoOne(listener);
                echoOne(listener);
            });

            try (TcpStream client = TcpStream.connect("127.0.0.1", address.getPort())) {
                client.setOption(StandardSocketOptions.TCP_NODELAY, true);
                client.writeAll("hello, conduit".getBytes(StandardCharsets.UTF_8));
                client.shutdownOutput();                                  // the server's read sees the end
                byte[] reply = client.inputStream().readAllBytes();
                System.out.println("echoed: " + new String(reply, StandardCharsets.UTF_8));
            }
            try (Socket jdkClient = new Socket(address.getAddress(), address.getPort())) {  // any TCP client
                jdkClient.getOutputStream().write("hello, java.net".getBytes(StandardCharsets.UTF_8));
                jdkClient.shutdownOutput();
                byte[] reply = jdkClient.getInputStream().readAllBytes();
                System.out.println("echoed: " + new String(reply, StandardCharsets.UTF_8));
            }
            server.join();
        }
    }

    /** Accepts one connection and sends back everything it reads, until the client's end of stream. */
    private static void echoOne(TcpListener listener) {
        try (TcpStream peer = listener.accept()) {
            byte[] buffer = new byte[8192];
            for (int n; (n = peer.read(buffer)) != -1; ) {
                peer.outputStream().write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private QuickStart() {
    }
}
