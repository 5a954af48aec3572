package dev.conduit.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/** Test inputs: {@code @SocketOps} interfaces as source, and compiling them with the processor. */
final class Sources {

    /** The errors class of the test interfaces: its exception message is {@code fn|name|errno}. */
    static final JavaFileObject ERRORS = JavaFileObjects.forSourceLines("test.Errors",
            "package test;",
            "",
            "import java.io.IOException;",
            "",
            "public final class Errors {",
            "    public static IOException forErrno(String function, String errnoName, int errno) {",
            "        return new IOException(function + \"|\" + errnoName + \"|\" + errno);",
            "    }",
            "}");

    private static final List<String> IMPORTS = List.of(
            "import dev.conduit.ops.*;",
            "import java.io.IOException;",
            "import java.lang.foreign.MemorySegment;",
            "import java.net.InetSocketAddress;",
            "import java.util.OptionalInt;");

    private Sources() {
    }

    /**
     * {@code test.Ops}, a {@code @SocketOps} interface over {@code variants} (a Java array initializer
     * body such as {@code "\"linux-x86_64\""}) with {@code members} as its body, one line each.
     */
    static JavaFileObject opsFor(String variants, String... members) {
        List<String> lines = new ArrayList<>();
        lines.add("package test;");
        lines.addAll(IMPORTS);
        lines.add("@SocketOps(variants = {" + variants + "}, errors = Errors.class)");
        lines.add("public interface Ops {");
        lines.addAll(List.of(members));
        lines.add("}");
        return JavaFileObjects.forSourceLines("test.Ops", lines);
    }

    /** {@link #opsFor} for linux-x86_64 and macos-aarch64. */
    static JavaFileObject ops(String... members) {
        return opsFor("\"linux-x86_64\", \"macos-aarch64\"", members);
    }

    /** Compiles {@code sources} and {@link #ERRORS} with the processor. */
    static Compilation compile(JavaFileObject... sources) {
        List<JavaFileObject> all = new ArrayList<>(List.of(sources));
        all.add(ERRORS);
        return javac().withProcessors(new SocketOpsProcessor()).compile(all);
    }
}
