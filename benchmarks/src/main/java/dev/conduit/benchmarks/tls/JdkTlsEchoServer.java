package dev.conduit.benchmarks.tls;

import dev.conduit.net.tls.PemKeyMaterial;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The JDK baseline of the TLS echo comparison: {@link SSLServerSocket} on 127.0.0.1, one virtual
 * thread per connection, TLS 1.3, TCP_NODELAY. Usage: {@code JdkTlsEchoServer PORT CERT.pem KEY.pem}.
 */
public final class JdkTlsEchoServer {

    private JdkTlsEchoServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        var context = PemKeyMaterial.context(Path.of(args[1]), Path.of(args[2]));
        try (SSLServerSocket listener = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(port, 4096,
                InetAddress.getLoopbackAddress())) {
            listener.setEnabledProtocols(new String[] {"TLSv1.3"});
            System.out.println("listening on 127.0.0.1:" + port);
            while (true) {
                Socket client = listener.accept();
                Thread.ofVirtual().start(() -> echo((SSLSocket) client));
            }
        }
    }

    private static void echo(SSLSocket client) {
        try (client) {
            client.setTcpNoDelay(true);
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // the client left
        }
    }
}
