package dev.conduit.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.conduit.headers.BindingsNaming;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One test per {@link Problem}: the message (built from the constant, as the processor builds it)
 * and the line it is reported on.
 */
class DiagnosticsTest {

    private static final String LINUX = "linux-x86_64";
    private static final String MACOS = "macos-aarch64";
    private static final String ODD = "odd-arch";

    /** Where a fix-it says to list a missing symbol, per OS. */
    private static final String LINUX_SYMBOLS =
            "headers/inputs/common/symbols.txt (every variant) or headers/inputs/linux/symbols.txt (linux only)";
    private static final String MACOS_SYMBOLS =
            "headers/inputs/common/symbols.txt (every variant) or headers/inputs/macos/symbols.txt (macos only)";
    private static final String ODD_SYMBOLS =
            "headers/inputs/common/symbols.txt (every variant) or headers/inputs/odd/symbols.txt (odd only)";

    /** Hand-written bindings of variant odd-arch, with what the real ones never have. */
    private static final List<JavaFileObject> ODD_BINDINGS = List.of(
            JavaFileObjects.forResource("odd/Libc.java"),
            JavaFileObjects.forResource("odd/sockaddr.java"),
            JavaFileObjects.forResource("odd/sockaddr_in.java"),
            JavaFileObjects.forResource("odd/sockaddr_un.java"),
            JavaFileObjects.forResource("odd/holder.java"));

    private static void assertError(JavaFileObject source, String message, String line) {
        Compilation compilation = Sources.compile(source);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
    }

    private static void assertOddError(JavaFileObject source, String message, String line) {
        JavaFileObject[] all = new JavaFileObject[ODD_BINDINGS.size() + 1];
        all[0] = source;
        for (int i = 0; i < ODD_BINDINGS.size(); i++) {
            all[i + 1] = ODD_BINDINGS.get(i);
        }
        Compilation compilation = Sources.compile(all);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
    }

    private static JavaFileObject odd(String... members) {
        return Sources.opsFor("\"" + ODD + "\"", members);
    }

    private static String libc(String variant) {
        return BindingsNaming.headerClassOf(variant);
    }

    // --- the interface ------------------------------------------------------------------------------

    @Test
    void notAnInterface() {
        JavaFileObject source = JavaFileObjects.forSourceLines("test.Ops",
                "package test;",
                "@dev.conduit.ops.SocketOps(variants = \"linux-x86_64\", errors = Errors.class)",
                "public class Ops {",
                "}");
        assertError(source, Problem.NOT_AN_INTERFACE.message("Ops", "class"), "public class Ops");
    }

    @Test
    void genericInterface() {
        JavaFileObject source = JavaFileObjects.forSourceLines("test.Ops",
                "package test;",
                "@dev.conduit.ops.SocketOps(variants = \"linux-x86_64\", errors = Errors.class)",
                "public interface Ops<T> {",
                "}");
        assertError(source, Problem.GENERIC_INTERFACE.message("Ops"), "public interface Ops<T>");
    }

    @Test
    void noVariants() {
        assertError(Sources.opsFor(""), Problem.NO_VARIANTS.message(), "@SocketOps");
    }

    @Test
    void badVariantName() {
        assertError(Sources.opsFor("\"Linux_x86\""), Problem.BAD_VARIANT_NAME.message("Linux_x86"), "@SocketOps");
    }

    @Test
    void duplicateVariant() {
        assertError(Sources.opsFor("\"linux-x86_64\", \"linux-x86_64\""),
                Problem.DUPLICATE_VARIANT.message(LINUX), "@SocketOps");
    }

    @Test
    void bindingsNotFound() {
        String windows = "windows-x86_64";
        assertError(Sources.opsFor("\"" + windows + "\""),
                Problem.BINDINGS_NOT_FOUND.message(windows, libc(windows), windows, windows, windows), "@SocketOps");
    }

    @Test
    void errorsClassWithoutForErrno() {
        JavaFileObject source = JavaFileObjects.forSourceLines("test.Ops",
                "package test;",
                "@dev.conduit.ops.SocketOps(variants = \"linux-x86_64\", errors = String.class)",
                "public interface Ops {",
                "}");
        assertError(source, Problem.BAD_ERRORS_CLASS.message("java.lang.String", "the generated implementations"),
                "errors = String.class");
    }

    @Test
    void errorsClassWithTheWrongSignature() {
        JavaFileObject errors = JavaFileObjects.forSourceLines("test.BadErrors",
                "package test;",
                "public final class BadErrors {",
                "    public static Exception forErrno(String function, String errnoName, int errno) {",
                "        return null;",
                "    }",
                "}");
        JavaFileObject source = JavaFileObjects.forSourceLines("test.Ops",
                "package test;",
                "@dev.conduit.ops.SocketOps(variants = \"linux-x86_64\", errors = BadErrors.class)",
                "public interface Ops {",
                "}");
        Compilation compilation = Sources.compile(source, errors);
        assertThat(compilation).hadErrorContaining(
                        Problem.BAD_ERRORS_CLASS.message("test.BadErrors", "the generated implementations"))
                .inFile(source).onLineContaining("errors = BadErrors.class");
    }

    // --- methods ------------------------------------------------------------------------------------

    @Test
    void methodWithoutAnnotation() {
        assertError(Sources.ops("int foo();"), Problem.NOT_ANNOTATED.message("foo()"), "int foo();");
    }

    @Test
    void defaultAndStaticMethodsAreLeftAlone() {
        Compilation compilation = Sources.compile(Sources.ops(
                "@VariantName String variant();",
                "default int twice(int x) { return 2 * x; }",
                "static int three() { return 3; }"));
        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void twoAnnotations() {
        assertError(Sources.ops("@Constant(\"AF_INET\") @Layout(\"sockaddr\") int x();"),
                Problem.CONFLICTING_ANNOTATIONS.message("x()", "Constant", "Layout"), "int x();");
    }

    @Test
    void genericMethod() {
        assertError(Sources.ops("@VariantName <T> String variant();"),
                Problem.GENERIC_METHOD.message("variant()"), "String variant();");
    }

    @Test
    void duplicateCall() {
        assertError(Sources.ops(
                        "@SocketOp(fn = \"socket\") int socket(int domain, int type, int protocol) throws IOException;",
                        "@SocketOp(fn = \"socket\") int socket2(int domain, int type, int protocol) throws IOException;"),
                Problem.DUPLICATE_OPERATION.message("socket2(int, int, int)", "socket(int, int, int)",
                        "calls socket(int, int, int)"),
                "int socket2(");
    }

    @Test
    void twoGettersForOneOption() {
        assertError(Sources.ops(
                        "@SockOpt(level = \"SOL_SOCKET\", name = \"SO_REUSEADDR\") boolean reuse(int fd) throws IOException;",
                        "@SockOpt(level = \"SOL_SOCKET\", name = \"SO_REUSEADDR\") int reuseInt(int fd) throws IOException;"),
                Problem.DUPLICATE_OPERATION.message("reuseInt(int)", "reuse(int)", "reads SOL_SOCKET/SO_REUSEADDR"),
                "int reuseInt(");
    }

    @Test
    void sockOptOfTheWrongShape() {
        assertError(Sources.ops("@SockOpt(level = \"SOL_SOCKET\", name = \"SO_REUSEADDR\")",
                        "void set(int fd, boolean on, int extra) throws IOException;"),
                Problem.BAD_SHAPE.message("SockOpt", "set(int, boolean, int)", SockOptParser.SHAPE), "void set(");
    }

    @Test
    void layoutOfTheWrongShape() {
        assertError(Sources.ops("@Layout(\"socklen_t\")", "int socklen();"),
                Problem.BAD_SHAPE.message("Layout", "socklen()", LayoutParser.SHAPE), "int socklen();");
    }

    @Test
    void encodeOfTheWrongShape() {
        assertError(Sources.ops("@EncodeSockaddr(family = \"AF_INET\")",
                        "long encode(MemorySegment dst, byte[] address, int port);"),
                Problem.BAD_SHAPE.message("EncodeSockaddr", "encode(MemorySegment, byte[], int)",
                        SockaddrParser.ENCODE_SHAPE),
                "long encode(");
    }

    @Test
    void flowInfoAndScopeIdOnlyForInet6() {
        assertError(Sources.ops("@EncodeSockaddr(family = \"AF_INET\")",
                        "int encode(MemorySegment dst, byte[] address, int port, int flowInfo, int scopeId);"),
                Problem.BAD_SHAPE.message("EncodeSockaddr", "encode(MemorySegment, byte[], int, int, int)",
                        SockaddrParser.ENCODE_SHAPE),
                "int encode(");
    }

    @Test
    void unixEncodeOfTheWrongShape() {
        assertError(Sources.ops("@EncodeSockaddr(family = \"AF_UNIX\")",
                        "int encode(MemorySegment dst, byte[] path, int port);"),
                Problem.BAD_SHAPE.message("EncodeSockaddr(family = \"AF_UNIX\")", "encode(MemorySegment, byte[], int)",
                        SockaddrParser.UNIX_ENCODE_SHAPE),
                "int encode(");
    }

    @Test
    void unixDecodeOfTheWrongShape() {
        assertError(Sources.ops("@DecodeSockaddr(family = \"AF_UNIX\")",
                        "InetSocketAddress decode(MemorySegment src);"),
                Problem.BAD_SHAPE.message("DecodeSockaddr(family = \"AF_UNIX\")", "decode(MemorySegment)",
                        SockaddrParser.UNIX_DECODE_SHAPE),
                "InetSocketAddress decode(");
    }

    @Test
    void familyReaderOfTheWrongShape() {
        assertError(Sources.ops("@SockaddrFamily", "short family(MemorySegment src);"),
                Problem.BAD_SHAPE.message("SockaddrFamily", "family(MemorySegment)", SockaddrParser.FAMILY_SHAPE),
                "short family(");
    }

    @Test
    void familyReaderOfAnOddFamilyField() {
        assertOddError(odd("@SockaddrFamily", "int family(MemorySegment src);"),
                Problem.UNEXPECTED_BINDING.message("sockaddr.sa_family", ODD, "double", "family(MemorySegment)",
                        "byte, short or int", "odd"),
                "@SockaddrFamily");
    }

    @Test
    void inetAndUnixDecodersAreDifferentOperations() {
        assertThat(Sources.compile(Sources.ops("@DecodeSockaddr InetSocketAddress decode(MemorySegment src);",
                "@DecodeSockaddr(family = \"AF_UNIX\") byte[] decode(MemorySegment src, int length);")))
                .succeededWithoutWarnings();
    }

    @Test
    void encodeWithAndWithoutScopeAreDifferentOperations() {
        assertThat(Sources.compile(Sources.ops("@EncodeSockaddr(family = \"AF_INET6\")",
                "int encode(MemorySegment dst, byte[] address, int port);",
                "@EncodeSockaddr(family = \"AF_INET6\")",
                "int encode(MemorySegment dst, byte[] address, int port, int flowInfo, int scopeId);")))
                .succeededWithoutWarnings();
    }

    // --- missing symbols ---------------------------------------------------------------------------

    @Test
    void functionMissingOnAVariant() {
        assertError(Sources.ops("@SocketOp(fn = \"accept4\")",
                        "int accept4(int fd, MemorySegment a, MemorySegment l, int flags) throws IOException;"),
                Problem.MISSING_FUNCTION.message("accept4", MACOS, libc(MACOS), "accept4",
                        MACOS_SYMBOLS, Problem.OR_UNAVAILABLE.text(MACOS, MACOS)),
                "@SocketOp(fn = \"accept4\")");
    }

    @Test
    void fixItNamesTheSymbolListLineAndBothFiles() {
        assertError(Sources.ops("@SocketOp(fn = \"accept4\")",
                        "int accept4(int fd, MemorySegment a, MemorySegment l, int flags) throws IOException;"),
                "Fix: add 'function accept4' to headers/inputs/common/symbols.txt (every variant) or"
                        + " headers/inputs/macos/symbols.txt (macos only) and regenerate the bindings, or, if"
                        + " macos-aarch64 really lacks it, add unavailableOn = \"macos-aarch64\"",
                "@SocketOp(fn = \"accept4\")");
    }

    @Test
    void constantMissingOnAVariant() {
        assertError(Sources.ops("@Constant(\"MSG_NOSIGNAL\")", "int msgNoSignal();"),
                Problem.MISSING_CONSTANT.message("MSG_NOSIGNAL", MACOS, libc(MACOS), "msgNoSignal()", "MSG_NOSIGNAL",
                        MACOS_SYMBOLS, Problem.OR_OPTIONAL.text(MACOS)),
                "@Constant(\"MSG_NOSIGNAL\")");
    }

    @Test
    void optionConstantMissingOnAVariant() {
        assertError(Sources.ops("@SockOpt(level = \"SOL_SOCKET\", name = \"SO_NOSIGPIPE\")",
                        "void setNoSigpipe(int fd, boolean on) throws IOException;"),
                Problem.MISSING_CONSTANT.message("SO_NOSIGPIPE", LINUX, libc(LINUX), "setNoSigpipe(int, boolean)",
                        "SO_NOSIGPIPE", LINUX_SYMBOLS, Problem.OR_UNAVAILABLE.text(LINUX, LINUX)),
                "name = \"SO_NOSIGPIPE\"");
    }

    @Test
    void structMissing() {
        assertOddError(odd("@EncodeSockaddr(family = \"AF_INET6\")",
                        "int encode(MemorySegment dst, byte[] address, int port);"),
                Problem.MISSING_STRUCT.message("sockaddr_in6", ODD, "dev.conduit.headers.odd.arch.sockaddr_in6",
                        "encode(MemorySegment, byte[], int)", "sockaddr_in6", ODD_SYMBOLS, ""),
                "family = \"AF_INET6\"");
    }

    @Test
    void layoutOfNeitherAStructNorATypedef() {
        assertError(Sources.ops("@Layout(\"sockaddr_t\")", "java.lang.foreign.MemoryLayout sockaddr();"),
                Problem.MISSING_LAYOUT.message("sockaddr_t", LINUX, "dev.conduit.headers.linux.x86_64.sockaddr_t",
                        "Libc", "sockaddr_t", "sockaddr()", "sockaddr_t", "sockaddr_t",
                        LINUX_SYMBOLS, Problem.OR_UNAVAILABLE.text(LINUX, LINUX)),
                "@Layout(\"sockaddr_t\")");
    }

    @Test
    void structFieldMissing() {
        assertOddError(odd("@EncodeSockaddr(family = \"AF_INET\")",
                        "int encode(MemorySegment dst, byte[] address, int port);"),
                Problem.MISSING_STRUCT_FIELD.message("sockaddr_in", ODD, "sin_port",
                        "encode(MemorySegment, byte[], int)", "odd", ""),
                "@EncodeSockaddr");
    }

    @Test
    void optionalConstantAbsentEverywhereIsAWarning() {
        JavaFileObject source = Sources.ops("@Constant(\"SOCK_CLOXEC\")", "OptionalInt sockCloexec();");
        Compilation compilation = Sources.compile(source);
        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningContaining(Problem.CONSTANT_NOWHERE.message("SOCK_CLOXEC",
                        LINUX + ", " + MACOS, "sockCloexec()", "SOCK_CLOXEC"))
                .inFile(source).onLineContaining("OptionalInt sockCloexec();");
    }

    // --- types ---------------------------------------------------------------------------------------

    @Test
    void unsupportedParameterType() {
        assertError(Sources.ops("@SocketOp(fn = \"socket\")",
                        "int socket(String domain, int type, int protocol) throws IOException;"),
                Problem.UNSUPPORTED_TYPE.message("socket(String, int, int)", "parameter domain", "String"),
                "int socket(String domain");
    }

    @Test
    void wrongNumberOfParameters() {
        assertError(Sources.ops("@SocketOp(fn = \"socket\")", "int socket(int domain, int type) throws IOException;"),
                Problem.ARITY_MISMATCH.message("socket(int, int)", 2, "socket", LINUX, 3, "Libc.socket(int, int, int)",
                        "(int, int, int)"),
                "int socket(int domain, int type)");
    }

    @Test
    void parameterTypeDiffersFromTheBindings() {
        assertError(Sources.ops("@SocketOp(fn = \"bind\")", "void bind(int fd, int address, int length) throws IOException;"),
                Problem.PARAMETER_MISMATCH.message("bind(int, int, int)", "address", "int", "bind", LINUX,
                        "MemorySegment", "Libc.bind(int, MemorySegment, int)", "MemorySegment"),
                "void bind(");
    }

    @Test
    void returnTypeDiffersFromTheBindings() {
        assertError(Sources.ops("@SocketOp(fn = \"recv\")",
                        "int recv(int fd, MemorySegment buffer, long length, int flags) throws IOException;"),
                Problem.RETURN_MISMATCH.message("recv(int, MemorySegment, long, int)", "int", "recv", LINUX, "long",
                        "Libc.recv(int, MemorySegment, long, int)", "long", " (or void to drop it)"),
                "int recv(");
    }

    @Test
    void variadicArgumentWithoutALayout() {
        assertError(Sources.ops("@SocketOp(fn = \"fcntl\")", "int fcntl(int fd, int cmd, boolean arg) throws IOException;"),
                Problem.UNSUPPORTED_VARIADIC.message("fcntl(int, int, boolean)", "arg", "fcntl", "boolean"),
                "int fcntl(");
    }

    @Test
    void constantOfAnotherType() {
        assertOddError(odd("@Constant(\"BIG\")", "int big();"),
                Problem.CONSTANT_TYPE_MISMATCH.message("big()", "int", "BIG", "long", ODD, "return long"),
                "@Constant(\"BIG\")");
    }

    @Test
    void layoutOfAnotherType() {
        assertError(Sources.ops("@Layout(\"nfds_t\")", "java.lang.foreign.ValueLayout.OfInt nfds();"),
                Problem.LAYOUT_TYPE_MISMATCH.message("nfds()", "ValueLayout.OfInt", "nfds_t", LINUX,
                        "ValueLayout.OfLong", "Libc.nfds_t", "ValueLayout"),
                "@Layout(\"nfds_t\")");
    }

    @Test
    void structLayoutOfATypedef() {
        assertError(Sources.ops("@Layout(\"socklen_t\")", "java.lang.foreign.StructLayout socklen();"),
                Problem.LAYOUT_TYPE_MISMATCH.message("socklen()", "StructLayout", "socklen_t", LINUX,
                        "ValueLayout.OfInt", "Libc.socklen_t", "ValueLayout.OfInt"),
                "@Layout(\"socklen_t\")");
    }

    @Test
    void criticalWithErrnoCapture() {
        assertError(Sources.ops("@SocketOp(fn = \"close\", critical = true)", "void close(int fd) throws IOException;"),
                Problem.CRITICAL_WITH_ERRNO.message("close(int)"), "critical = true");
    }

    // --- returnWouldBlock and @CallState ---------------------------------------------------------------

    @Test
    void wouldBlockOnAVoidMethod() {
        assertError(Sources.ops("@SocketOp(fn = \"connect\", retryOnEintr = false, returnWouldBlock = true)",
                        "void connect(int fd, MemorySegment address, int length) throws IOException;"),
                Problem.WOULD_BLOCK_RESULT.message("connect(int, MemorySegment, int)", "void"), "void connect(");
    }

    @Test
    void wouldBlockWithoutErrno() {
        assertError(Sources.ops("@SocketOp(fn = \"recv\", captureErrno = false,",
                        "        returnWouldBlock = true)",
                        "long recv(int fd, MemorySegment buffer, long length, int flags);"),
                Problem.WOULD_BLOCK_WITHOUT_ERRNO.message("recv(int, MemorySegment, long, int)"),
                "returnWouldBlock = true");
    }

    /** odd-arch has EINTR but none of the would-block errnos. */
    @Test
    void wouldBlockErrnoMissingOnAVariant() {
        JavaFileObject source = odd("@SocketOp(fn = \"setsockopt\",",
                "        returnWouldBlock = true)",
                "int set(int fd, int level, int name, MemorySegment value, long length) throws IOException;");
        for (String errno : List.of("EAGAIN", "EWOULDBLOCK", "EINPROGRESS")) {
            assertOddError(source,
                    Problem.MISSING_CONSTANT.message(errno, ODD, libc(ODD), "set(int, int, int, MemorySegment, long)",
                            errno, ODD_SYMBOLS, Problem.OR_UNAVAILABLE.text(ODD, ODD)),
                    "returnWouldBlock = true");
        }
    }

    @Test
    void callStateNotLast() {
        assertError(Sources.ops("@SocketOp(fn = \"recv\")",
                        "long recv(int fd,",
                        "        @CallState MemorySegment state,",
                        "        MemorySegment buffer, long length, int flags) throws IOException;"),
                Problem.CALL_STATE_NOT_LAST.message("recv(int, MemorySegment, MemorySegment, long, int)", "state"),
                "@CallState MemorySegment state,");
    }

    @Test
    void callStateNotASegment() {
        assertError(Sources.ops("@SocketOp(fn = \"recv\")",
                        "long recv(int fd, MemorySegment buffer, long length, int flags,",
                        "        @CallState long state) throws IOException;"),
                Problem.CALL_STATE_NOT_A_SEGMENT.message("recv(int, MemorySegment, long, int, long)", "state", "long"),
                "@CallState long state");
    }

    @Test
    void callStateWithoutErrno() {
        assertError(Sources.ops("@SocketOp(fn = \"fcntl\", critical = true, captureErrno = false)",
                        "int fcntlRaw(int fd, int cmd,",
                        "        @CallState MemorySegment state);"),
                Problem.CALL_STATE_WITHOUT_ERRNO.message("fcntlRaw(int, int, MemorySegment)", "state"),
                "@CallState MemorySegment state");
    }

    @Test
    void callStateOfAnOptionNotLast() {
        assertError(Sources.ops("@SockOpt(level = \"SOL_SOCKET\", name = \"SO_REUSEADDR\")",
                        "void setReuseAddress(int fd,",
                        "        @CallState MemorySegment state, boolean on) throws IOException;"),
                Problem.CALL_STATE_NOT_LAST.message("setReuseAddress(int, MemorySegment, boolean)", "state"),
                "@CallState MemorySegment state");
    }

    @Test
    void callStateOnAMethodWithoutDowncall() {
        assertError(Sources.ops("@EncodeSockaddr(family = \"AF_INET\")",
                        "int encode(MemorySegment dst, byte[] address, int port,",
                        "        @CallState MemorySegment state);"),
                Problem.CALL_STATE_NOT_APPLICABLE.message("encode(MemorySegment, byte[], int, MemorySegment)", "state",
                        "EncodeSockaddr"),
                "@CallState MemorySegment state");
    }

    @Test
    void callStateLayoutOfTheWrongShape() {
        assertError(Sources.ops("@CallStateLayout", "java.lang.foreign.ValueLayout callStateLayout();"),
                Problem.BAD_SHAPE.message("CallStateLayout", "callStateLayout()", SimpleOpParser.CALL_STATE_LAYOUT_SHAPE),
                "callStateLayout();");
    }

    /** With and without the caller's call state, throwing or returning WOULD_BLOCK: four operations, no duplicate. */
    @Test
    void nonBlockingFormsOfOneCallAreNoDuplicates() {
        Compilation compilation = Sources.compile(Sources.ops(
                "@SocketOp(fn = \"recv\") long recv(int fd, MemorySegment b, long n, int flags) throws IOException;",
                "@SocketOp(fn = \"recv\", returnWouldBlock = true)",
                "long recvNow(int fd, MemorySegment b, long n, int flags) throws IOException;",
                "@SocketOp(fn = \"recv\")",
                "long recv(int fd, MemorySegment b, long n, int flags, @CallState MemorySegment s) throws IOException;",
                "@SocketOp(fn = \"recv\", returnWouldBlock = true)",
                "long recvNow(int fd, MemorySegment b, long n, int flags, @CallState MemorySegment s) throws IOException;",
                "@SockOpt(level = \"SOL_SOCKET\", name = \"SO_ERROR\") int error(int fd) throws IOException;",
                "@SockOpt(level = \"SOL_SOCKET\", name = \"SO_ERROR\")",
                "int error(int fd, @CallState MemorySegment s) throws IOException;",
                "@CallStateLayout java.lang.foreign.MemoryLayout callStateLayout();"));
        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void errnoCaptureWithoutThrowsIOException() {
        assertError(Sources.ops("@SocketOp(fn = \"close\")", "void close(int fd);"),
                Problem.MISSING_THROWS.message("close(int)", "Errors", Problem.OR_NO_ERRNO.text()),
                "void close(int fd);");
    }

    @Test
    void sockOptWithoutThrowsIOException() {
        assertError(Sources.ops("@SockOpt(level = \"SOL_SOCKET\", name = \"SO_REUSEADDR\")",
                        "void setReuseAddress(int fd, boolean on);"),
                Problem.MISSING_THROWS.message("setReuseAddress(int, boolean)", "Errors", ""),
                "void setReuseAddress(");
    }

    @Test
    void resultWithoutFailureValue() {
        assertError(Sources.ops("@SocketOp(fn = \"socket\")",
                        "MemorySegment socket(int domain, int type, int protocol) throws IOException;"),
                Problem.NO_FAILURE_VALUE.message("socket(int, int, int)", "socket(int, int, int)", "MemorySegment"),
                "MemorySegment socket(");
    }

    @Test
    void voidFunctionWithErrnoCapture() {
        assertOddError(odd("@SocketOp(fn = \"nothing\")", "void nothing() throws IOException;"),
                Problem.NO_FAILURE_VALUE.message("nothing()", "Libc.nothing() on " + ODD, "void"),
                "void nothing()");
    }

    @Test
    void bindingOfAnUnexpectedShape() {
        assertOddError(odd("@SockOpt(level = \"SOL_SOCKET\", name = \"SO_REUSEADDR\")",
                        "void setReuseAddress(int fd, boolean on) throws IOException;"),
                Problem.UNEXPECTED_BINDING.message("setsockopt", ODD,
                        "Libc.setsockopt(int, int, int, MemorySegment, long)", "setReuseAddress(int, boolean)",
                        "int setsockopt(int, int, int, MemorySegment, int)", "odd"),
                "@SockOpt");
    }

    @Test
    void unixPathThatIsNoArray() {
        assertOddError(odd("@EncodeSockaddr(family = \"AF_UNIX\")", "int encode(MemorySegment dst, byte[] path);"),
                Problem.UNEXPECTED_BINDING.message("sockaddr_un.sun_path", ODD, "int sun_path with OfInt sun_path$layout()",
                        "encode(MemorySegment, byte[])", "a char array: MemorySegment sun_path with SequenceLayout"
                                + " sun_path$layout()", "odd"),
                "@EncodeSockaddr");
    }

    @Test
    void socklenOfAnotherWidth() {
        assertOddError(odd("@SockOpt(level = \"SOL_SOCKET\", name = \"SO_REUSEADDR\")",
                        "void setReuseAddress(int fd, boolean on) throws IOException;"),
                Problem.UNEXPECTED_BINDING.message("Libc.socklen_t", ODD, "a ValueLayout.OfLong",
                        "setReuseAddress(int, boolean)", "a ValueLayout.OfInt", "odd"),
                "@SockOpt");
    }

    @Test
    void socklenMissing() {
        JavaFileObject bare = JavaFileObjects.forSourceLines("dev.conduit.headers.bare.arch.Libc",
                "package dev.conduit.headers.bare.arch;",
                "import java.lang.foreign.*;",
                "/** Bindings with getsockopt, its constants and EINTR, but no socklen_t. */",
                "public class Libc {",
                "    public static int EINTR() { return 4; }",
                "    public static int SOL_SOCKET() { return 1; }",
                "    public static int SO_RCVBUF() { return 8; }",
                "    public static MemorySegment getsockopt$address() { return MemorySegment.NULL; }",
                "    public static FunctionDescriptor getsockopt$descriptor() { return null; }",
                "    public static int getsockopt(int fd, int level, int name, MemorySegment v, MemorySegment l) {",
                "        return 0;",
                "    }",
                "}");
        JavaFileObject source = Sources.opsFor("\"bare-arch\"",
                "@SockOpt(level = \"SOL_SOCKET\", name = \"SO_RCVBUF\")",
                "int receiveBuffer(int fd) throws IOException;");
        Compilation compilation = Sources.compile(source, bare);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(Problem.MISSING_TYPEDEF.message("socklen_t", "bare-arch", "Libc",
                        "socklen_t", "receiveBuffer(int)", "socklen_t",
                        "headers/inputs/common/symbols.txt (every variant) or headers/inputs/bare/symbols.txt (bare only)",
                        Problem.OR_UNAVAILABLE.text("bare-arch", "bare-arch")))
                .inFile(source).onLineContaining("@SockOpt");
    }

    @Test
    void typedefThatIsNoLayout() {
        assertOddError(odd("@Layout(\"weird_t\")", "java.lang.foreign.MemoryLayout weird();"),
                Problem.UNEXPECTED_BINDING.message("Libc.weird_t", ODD, "a String", "weird()", "a MemoryLayout",
                        "odd"),
                "@Layout");
    }

    // --- @Struct records --------------------------------------------------------------------------------

    @Test
    void optionValueThatIsNoRecord() {
        assertError(Sources.ops("@SockOpt(level = \"SOL_SOCKET\", name = \"SO_LINGER\")",
                        "void setLinger(int fd, MemorySegment value) throws IOException;"),
                Problem.STRUCT_NOT_A_RECORD.message("setLinger(int, MemorySegment)", "MemorySegment", "interface"),
                "void setLinger(");
    }

    @Test
    void recordWithoutStruct() {
        assertError(Sources.ops("record Linger(int l_onoff, int l_linger) {}",
                        "@SockOpt(level = \"SOL_SOCKET\", name = \"SO_LINGER\")",
                        "Linger linger(int fd) throws IOException;"),
                Problem.STRUCT_NOT_ANNOTATED.message("linger(int)", "Linger"),
                "Linger linger(int fd)");
    }

    @Test
    void componentOfAnUnsupportedType() {
        assertError(Sources.ops("@Struct(\"linger\") record Linger(String l_onoff, int l_linger) {}",
                        "@SockOpt(level = \"SOL_SOCKET\", name = \"SO_LINGER\")",
                        "Linger linger(int fd) throws IOException;"),
                Problem.UNSUPPORTED_COMPONENT.message("Linger", "l_onoff", "String"),
                "record Linger(String");
    }

    @Test
    void componentThatIsAFieldOnlyOnSomeVariants() {
        assertError(Sources.ops("@Struct(\"in6_addr\") record In6Addr(byte[] __in6_u) {}",
                        "@SockOpt(level = \"IPPROTO_IPV6\", name = \"SO_LINGER\")",
                        "In6Addr address(int fd) throws IOException;"),
                Problem.NOT_A_STRUCT_FIELD.message("In6Addr", "__in6_u", "in6_addr", MACOS, "__u6_addr"),
                "record In6Addr(");
    }

    @Test
    void componentProblemsAreReportedOnceForAllMethodsUsingTheRecord() {
        JavaFileObject source = Sources.ops("@Struct(\"linger\") record Linger(int l_onof, int l_linger) {}",
                "@SockOpt(level = \"SOL_SOCKET\", name = \"SO_LINGER\")",
                "Linger linger(int fd) throws IOException;",
                "@SockOpt(level = \"SOL_SOCKET\", name = \"SO_LINGER\")",
                "void setLinger(int fd, Linger value) throws IOException;");
        Compilation compilation = Sources.compile(source);
        String message = Problem.NOT_A_STRUCT_FIELD.message("Linger", "l_onof", "linger", LINUX, "l_onoff, l_linger");
        assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining("record Linger(");
        assertEquals(1, compilation.errors().stream().filter(d -> d.getMessage(null).contains(message)).count());
    }

    @Test
    void scalarComponentForANestedField() {
        assertError(Sources.ops("@Struct(\"sockaddr_in\") record Inet(int sin_addr) {}",
                        "@SockOpt(level = \"SOL_SOCKET\", name = \"SO_LINGER\")",
                        "Inet inet(int fd) throws IOException;"),
                Problem.COMPONENT_MISMATCH.message("Inet", "sin_addr", "int", "sin_addr", "sockaddr_in", LINUX,
                        "sockaddr_in.sin_addr$layout() returns GroupLayout", "declare it as byte[] (the field's bytes)"),
                "record Inet(");
    }

    @Test
    void bytesComponentForAScalarField() {
        assertError(Sources.ops("@Struct(\"linger\") record Linger(byte[] l_onoff) {}",
                        "@SockOpt(level = \"SOL_SOCKET\", name = \"SO_LINGER\")",
                        "Linger linger(int fd) throws IOException;"),
                Problem.COMPONENT_MISMATCH.message("Linger", "l_onoff", "byte[]", "l_onoff", "linger", LINUX,
                        "linger.l_onoff$layout() returns ValueLayout.OfInt",
                        "declare it as a scalar (int, long, short, byte or boolean)"),
                "record Linger(");
    }

    @Test
    void componentForAPointerField() {
        assertOddError(odd("@Struct(\"holder\") record Holder(byte[] p) {}",
                        "@SockOpt(level = \"SOL_SOCKET\", name = \"SO_REUSEADDR\")",
                        "Holder holder(int fd) throws IOException;"),
                Problem.COMPONENT_MISMATCH.message("Holder", "p", "byte[]", "p", "holder", ODD,
                        "holder.p$layout() returns AddressLayout",
                        "leave the field out of the record: a pointer or floating-point field cannot be carried"),
                "record Holder(");
    }

    @Test
    void structMissingForAnOption() {
        // a tag no bindings will ever have, so the test does not change meaning when headers grow
        assertError(Sources.ops("@Struct(\"no_such_struct\") record Absent(byte[] imr_multiaddr, byte[] imr_interface) {}",
                        "@SockOpt(level = \"IPPROTO_IP\", name = \"SO_LINGER\")",
                        "void join(int fd, Absent value) throws IOException;"),
                Problem.MISSING_STRUCT.message("no_such_struct", LINUX, "dev.conduit.headers.linux.x86_64.no_such_struct",
                        "join(int, Absent)", "no_such_struct", LINUX_SYMBOLS, Problem.OR_UNAVAILABLE.text(LINUX, LINUX)),
                "@SockOpt(level = \"IPPROTO_IP\"");
    }

    // --- annotation values ---------------------------------------------------------------------------

    @Test
    void unknownFamily() {
        assertError(Sources.ops("@EncodeSockaddr(family = \"AF_PACKET\")",
                        "int encode(MemorySegment dst, byte[] address, int port);"),
                Problem.UNKNOWN_FAMILY.message("AF_PACKET", "EncodeSockaddr", "\"AF_INET\", \"AF_INET6\" and \"AF_UNIX\""),
                "family = \"AF_PACKET\"");
    }

    @Test
    void unknownDecodeFamily() {
        assertError(Sources.ops("@DecodeSockaddr(family = \"AF_LOCAL\")",
                        "byte[] decode(MemorySegment src, int length);"),
                Problem.UNKNOWN_FAMILY.message("AF_LOCAL", "DecodeSockaddr",
                        "\"AF_UNIX\", or no family for AF_INET and AF_INET6"),
                "family = \"AF_LOCAL\"");
    }

    @Test
    void inetDecodeWithAFamily() {
        assertError(Sources.ops("@DecodeSockaddr(family = \"AF_INET6\")",
                        "InetSocketAddress decode(MemorySegment src);"),
                Problem.INET_DECODE_FAMILY.message("AF_INET6", "AF_INET6"), "family = \"AF_INET6\"");
    }

    @Test
    void unavailableOnGlobMatchingNoVariant() {
        assertError(Sources.ops("@SocketOp(fn = \"accept4\", unavailableOn = \"macOS-*\")",
                        "int accept4(int fd, MemorySegment a, MemorySegment l, int flags) throws IOException;"),
                Problem.GLOB_MATCHES_NOTHING.message("unavailableOn", "macOS-*", List.of(LINUX, MACOS)),
                "unavailableOn = \"macOS-*\"");
    }

    @Test
    void nameOnEntryWithoutEquals() {
        assertError(Sources.ops("@SockOpt(level = \"SOL_SOCKET\", name = \"SO_RCVBUF\",",
                        "        nameOn = \"macos-*SO_SNDBUF\")",
                        "int buffer(int fd) throws IOException;"),
                Problem.BAD_NAME_ON.message("macos-*SO_SNDBUF"), "nameOn = ");
    }

    @Test
    void nameOnEntryWithAnEmptySide() {
        for (String entry : List.of("=SO_SNDBUF", "macos-*=")) {
            assertError(Sources.ops("@Constant(value = \"SO_RCVBUF\",",
                            "        nameOn = \"" + entry + "\")",
                            "int buffer();"),
                    Problem.BAD_NAME_ON.message(entry), "nameOn = ");
        }
    }

    @Test
    void nameOnGlobMatchingNoVariant() {
        assertError(Sources.ops("@SockOpt(level = \"SOL_SOCKET\", name = \"SO_RCVBUF\",",
                        "        nameOn = \"macOS-*=SO_SNDBUF\")",
                        "int buffer(int fd) throws IOException;"),
                Problem.GLOB_MATCHES_NOTHING.message("nameOn", "macOS-*", List.of(LINUX, MACOS)), "nameOn = ");
    }

    @Test
    void twoNameOnEntriesForOneVariant() {
        assertError(Sources.ops("@SockOpt(level = \"SOL_SOCKET\", name = \"SO_RCVBUF\",",
                        "        nameOn = {\"macos-*=SO_SNDBUF\",",
                        "                \"*-aarch64=SO_RCVBUF\"})",
                        "int buffer(int fd) throws IOException;"),
                Problem.NAME_ON_TWICE.message("macos-*=SO_SNDBUF", "*-aarch64=SO_RCVBUF", MACOS), "\"*-aarch64=");
    }

    @Test
    void nameOnForAnUnavailableVariant() {
        assertError(Sources.ops("@SockOpt(level = \"SOL_SOCKET\", name = \"SO_RCVBUF\", unavailableOn = \"macos-*\",",
                        "        nameOn = \"macos-*=SO_SNDBUF\")",
                        "int buffer(int fd) throws IOException;"),
                Problem.NAME_ON_UNAVAILABLE.message("macos-*=SO_SNDBUF", MACOS), "nameOn = ");
    }

    @Test
    void nameOnConstantMissingInItsVariant() {
        assertError(Sources.ops("@SockOpt(level = \"SOL_SOCKET\", name = \"SO_LINGER\",",
                        "        nameOn = \"macos-*=SO_NO_SUCH_OPTION\")",
                        "void setLingerSeconds(int fd, int seconds) throws IOException;"),
                Problem.MISSING_CONSTANT.message("SO_NO_SUCH_OPTION", MACOS, libc(MACOS), "setLingerSeconds(int, int)",
                        "SO_NO_SUCH_OPTION", MACOS_SYMBOLS, Problem.OR_UNAVAILABLE.text(MACOS, MACOS)),
                "nameOn = ");
    }

    @Test
    void optionsWithOtherNamesOnSomeVariantAreNoDuplicates() {
        assertThat(Sources.compile(Sources.ops(
                        "@SockOpt(level = \"SOL_SOCKET\", name = \"SO_RCVBUF\") int a(int fd) throws IOException;",
                        "@SockOpt(level = \"SOL_SOCKET\", name = \"SO_RCVBUF\", nameOn = \"macos-*=SO_SNDBUF\")",
                        "int b(int fd) throws IOException;")))
                .succeededWithoutWarnings();
    }

    @Test
    void optionsWithTheSameNamesPerVariantAreDuplicates() {
        assertError(Sources.ops(
                        "@SockOpt(level = \"SOL_SOCKET\", name = \"SO_SNDBUF\", nameOn = \"macos-*=SO_RCVBUF\")",
                        "int a(int fd) throws IOException;",
                        "@SockOpt(level = \"SOL_SOCKET\", name = \"SO_RCVBUF\", nameOn = \"linux-*=SO_SNDBUF\")",
                        "int b(int fd) throws IOException;"),
                Problem.DUPLICATE_OPERATION.message("b(int)", "a(int)",
                        "reads SOL_SOCKET/SO_SNDBUF on linux-x86_64, SO_RCVBUF on macos-aarch64"),
                "int b(int fd)");
    }

    /** The real case: one option spelt from either side. */
    @Test
    void keepAliveIdleSpeltFromEitherVariantIsADuplicate() {
        assertError(Sources.ops(
                        "@SockOpt(level = \"IPPROTO_TCP\", name = \"TCP_KEEPIDLE\", nameOn = \"macos-*=TCP_KEEPALIVE\")",
                        "int a(int fd) throws IOException;",
                        "@SockOpt(level = \"IPPROTO_TCP\", name = \"TCP_KEEPALIVE\", nameOn = \"linux-*=TCP_KEEPIDLE\")",
                        "int b(int fd) throws IOException;"),
                Problem.DUPLICATE_OPERATION.message("b(int)", "a(int)",
                        "reads IPPROTO_TCP/TCP_KEEPIDLE on linux-x86_64, TCP_KEEPALIVE on macos-aarch64"),
                "int b(int fd)");
    }
}
