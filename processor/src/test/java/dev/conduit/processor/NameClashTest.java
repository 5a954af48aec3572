package dev.conduit.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/**
 * Parameters named like the generated code's locals, helpers and the types it refers to still
 * compile: they are renamed in the implementation, never the other way round.
 */
class NameClashTest {

    @Test
    void parametersNamedLikeGeneratedNamesCompile() {
        Compilation compilation = Sources.compile(Sources.ops(
                "@SocketOp(fn = \"socket\") int socket(int result, int arena, int callState) throws IOException;",
                "@SocketOp(fn = \"poll\") int poll(MemorySegment errno, long e, int Libc) throws IOException;",
                "@SocketOp(fn = \"fcntl\") int fcntl(int CallState, int ErrnoNames, int SocketHandle) throws IOException;",
                "@SockOpt(level = \"SOL_SOCKET\", name = \"SO_RCVBUF\") void set(int value, int length) throws IOException;",
                "@SockOpt(level = \"SOL_SOCKET\", name = \"SO_RCVBUF\") int get(int MemorySegment) throws IOException;",
                "@EncodeSockaddr(family = \"AF_INET6\")",
                "int encode(MemorySegment sockaddr_in6, byte[] size, int NETWORK_SHORT);",
                "@DecodeSockaddr InetSocketAddress decode(MemorySegment family);",
                "@ErrnoName String name(int Objects);",
                "@Struct(\"linger\") record Linger(int l_onoff, int l_linger) {}",
                "@SockOpt(level = \"SOL_SOCKET\", name = \"SO_LINGER\")",
                "void setLinger(int struct, Linger linger) throws IOException;",
                "@SockOpt(level = \"SOL_SOCKET\", name = \"SO_LINGER\") Linger linger(int Linger) throws IOException;"));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("test.Ops_linux_x86_64").contentsAsUtf8String()
                .contains("public int socket(int result, int arena, int callState)");
        assertThat(compilation).generatedSourceFile("test.Ops_linux_x86_64").contentsAsUtf8String()
                .contains("public int poll(MemorySegment errno, long e, int Libc_)");
    }
}
