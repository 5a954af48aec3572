package dev.conduit.benchmarks.tls;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.File;

/**
 * The Netty baseline of the TLS echo comparison: {@code SslHandler} over the JDK's SSLEngine
 * ({@link SslProvider#JDK}), NIO transport, {@code THREADS} event loops (env, default 1), write on
 * read and flush on read-complete, TLS 1.3, TCP_NODELAY. Usage:
 * {@code NettyTlsEchoServer PORT CERT.pem KEY.pem}.
 */
public final class NettyTlsEchoServer {

    private NettyTlsEchoServer() {
    }

    @ChannelHandler.Sharable
    static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            context.write(message);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext context) {
            context.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            context.close();
        }
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        SslContext tls = SslContextBuilder.forServer(new File(args[1]), new File(args[2])).sslProvider(SslProvider.JDK)
                .protocols("TLSv1.3").build();
        int threads = Integer.parseInt(System.getenv().getOrDefault("THREADS", "1"));
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        Echo echo = new Echo();
        var channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel socket) {
                        socket.pipeline().addLast(tls.newHandler(socket.alloc()), echo);
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
        System.out.println("listening on 127.0.0.1:" + port);
        channel.closeFuture().sync();
    }
}
