package dev.conduit.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * Writes {@code @EncodeSockaddr}, {@code @DecodeSockaddr} and {@code @SockaddrFamily} methods for one
 * variant, in its struct layout: the BSD length byte where the struct has one, the family field at its own
 * width, the port in network byte order; for AF_UNIX the path in {@code sun_path}, within its size.
 */
final class SockaddrWriter {

    private static final ClassName VALUE_LAYOUT = ClassName.get("java.lang.foreign", "ValueLayout");

    private final ClassContext cx;

    SockaddrWriter(ClassContext cx) {
        this.cx = cx;
    }

    void planEncode(SockaddrEncode encode) {
        cx.useStruct(encode.family().struct());
    }

    void planDecode(SockaddrDecode decode) {
        if (decode.family().isPresent()) {
            cx.useStruct(decode.family().get().struct());
            return;
        }
        cx.useStruct("sockaddr");
        for (SockaddrFamily family : SockaddrFamily.inet()) {
            cx.useStruct(family.struct());
        }
    }

    void planFamily() {
        cx.useStruct("sockaddr");
    }

    /** {@code sockaddr.sa_family}, unsigned: the accessor knows its offset and width in the variant. */
    MethodSpec writeFamily(SockaddrFamilyRead read) {
        MethodScope scope = cx.method(read.method());
        String src = scope.parameter(0);
        MethodSpec.Builder m = scope.builder();
        m.addStatement("$T.requireNonNull($N, $S)", Objects.class, src, scope.declaredParameter(0));
        m.addStatement("return $L", unsigned(read.familyType().get(cx.variant.name()),
                CodeBlock.of("$T.sa_family($N)", cx.struct("sockaddr"), src)));
        return scope.build();
    }

    MethodSpec writeEncode(SockaddrEncode encode) {
        if (encode.family() == SockaddrFamily.UNIX) {
            return writeUnixEncode(encode);
        }
        MethodScope scope = cx.method(encode.method());
        SockaddrFamily family = encode.family();
        SockaddrFields fields = encode.layouts().get(cx.variant.name());
        ClassName struct = cx.struct(family.struct());
        String dst = scope.parameter(0);
        String address = scope.parameter(1);
        String port = scope.parameter(2);
        String size = scope.local("size");
        MethodSpec.Builder m = scope.builder();
        m.addStatement("$T.requireNonNull($N, $S)", Objects.class, dst, scope.declaredParameter(0));
        m.addStatement("$T.requireNonNull($N, $S)", Objects.class, address, scope.declaredParameter(1));
        m.beginControlFlow("if ($N.length != $L)", address, family.addressBytes())
                .addStatement("throw new $T($S + $N.length)", IllegalArgumentException.class,
                        "an " + family.constant() + " address has " + family.addressBytes() + " bytes, not ", address)
                .endControlFlow();
        m.beginControlFlow("if ($N < 0 || $N > 0xFFFF)", port, port)
                .addStatement("throw new $T($S + $N + $S)", IllegalArgumentException.class, "port ", port,
                        " is outside 0..65535")
                .endControlFlow();
        m.addStatement("long $N = $T.sizeof()", size, struct);
        m.beginControlFlow("if ($N.byteSize() < $N)", dst, size)
                .addStatement("throw new $T($S$W+ $N.byteSize()$W+ $S$W+ $N$W+ $S)", IllegalArgumentException.class,
                        scope.declaredParameter(0) + " has ", dst, " bytes, but struct " + family.struct() + " needs ",
                        size, " on " + cx.variant)
                .endControlFlow();
        m.addStatement("$N.asSlice(0L, $N).fill((byte) 0)", dst, size);
        if (fields.len() != null) {
            m.addStatement("$T.$N($N, ($T) $N)", struct, family.lenField(), dst, fields.len().typeName(), size);
        }
        m.addStatement("$T.$N($N, ($T) $T.$N())", struct, family.familyField(), dst, fields.family().typeName(),
                cx.libc, family.constant());
        m.addStatement("$N.set($L, $T.$N(), (short) $N)", dst, cx.networkShort(), struct,
                family.portField() + "$offset", port);
        m.addStatement("$T.copy($N, 0, $N, $T.JAVA_BYTE,$W$T.$N(), $L)", Carrier.MEMORY_SEGMENT, address, dst,
                VALUE_LAYOUT, struct, family.addressField() + "$offset", family.addressBytes());
        if (encode.flowAndScope()) {
            m.addComment("the flow info in network byte order, as the kernel keeps it; the scope id in host order");
            m.addStatement("$N.set($L, $T.$N(), $N)", dst, cx.networkInt(), struct, family.flowInfoField() + "$offset",
                    scope.parameter(3));
            m.addStatement("$T.$N($N, $N)", struct, family.scopeIdField(), dst, scope.parameter(4));
        } else if (family.scopeIdField() != null) {
            m.addComment("$N and $N stay 0", family.flowInfoField(), family.scopeIdField());
        }
        m.addStatement("return (int) $N", size);
        return scope.build();
    }

    /**
     * {@code sockaddr_un}: the length is the offset of {@code sun_path} plus the path and, for a filesystem
     * path, its NUL; {@code sun_len} (where the struct has it) is set to that length. On xnu the value is
     * moot but harmless: {@code getsockaddr} (bsd/kern/uipc_syscalls.c) overwrites {@code sa_len} with the
     * length passed, and {@code unp_bind} (bsd/kern/uipc_usrreq.c) takes {@code sun_len - offsetof(sun_path)}
     * bytes as the path and NUL-terminates them itself, so a counted NUL is no part of the name; bsd/sys/un.h
     * documents {@code sun_len} as the "sockaddr len including null" (its {@code SUN_LEN} macro leaves the
     * NUL out, which the kernel accepts as well).
     */
    private MethodSpec writeUnixEncode(SockaddrEncode encode) {
        MethodScope scope = cx.method(encode.method());
        SockaddrFamily family = encode.family();
        SockaddrFields fields = encode.layouts().get(cx.variant.name());
        ClassName struct = cx.struct(family.struct());
        String pathField = family.addressField();
        String dst = scope.parameter(0);
        String path = scope.parameter(1);
        String capacity = scope.local("capacity");
        String length = scope.local("length");
        String index = scope.local("i");
        String size = scope.local("size");
        String on = " on " + cx.variant;
        MethodSpec.Builder m = scope.builder();
        m.addStatement("$T.requireNonNull($N, $S)", Objects.class, dst, scope.declaredParameter(0));
        m.addStatement("$T.requireNonNull($N, $S)", Objects.class, path, scope.declaredParameter(1));
        m.addStatement("long $N = $T.$N().byteSize()", capacity, struct, pathField + "$layout");
        m.addStatement("long $N", length);
        m.beginControlFlow("if ($N.length == 0)", path);
        m.addComment(cx.variant.abstractUnixNames() ? "unnamed: bind autobinds it to an abstract name" : "unnamed");
        m.addStatement("$N = $T.$N()", length, struct, pathField + "$offset");
        m.nextControlFlow("else if ($N[0] == 0)", path);
        if (cx.variant.abstractUnixNames()) {
            m.addComment("an abstract name: all its bytes, the leading NUL too, and no NUL after them");
            m.beginControlFlow("if ($N.length > $N)", path, capacity)
                    .addStatement("throw new $T($S$W+ $N$W+ $S$W+ $N$W+ $S$W+ $N.length$W+ $S)",
                            IllegalArgumentException.class, "an abstract Unix socket name is at most ", capacity,
                            " bytes" + on + " (" + pathField + "[", capacity, "]): ", path, " given")
                    .endControlFlow();
            m.addStatement("$N = $T.$N() + $N.length", length, struct, pathField + "$offset", path);
        } else {
            m.addStatement("throw new $T($S$W+ $S)", IllegalArgumentException.class,
                    "a Unix socket path cannot start with a NUL byte" + on + ": ",
                    "abstract names (a leading NUL) are Linux-only");
        }
        m.nextControlFlow("else");
        m.addComment("a filesystem path, ended by a NUL in " + pathField);
        m.beginControlFlow("if ($N.length >= $N)", path, capacity)
                .addStatement("throw new $T($S$W+ ($N - 1)$W+ $S$W+ $N$W+ $S$W+ $N.length$W+ $S)",
                        IllegalArgumentException.class, "a Unix socket path is at most ", capacity,
                        " bytes" + on + " (" + pathField + "[", capacity, "] with its NUL): ", path, " given")
                .endControlFlow();
        m.beginControlFlow("for (int $N = 1; $N < $N.length; $N++)", index, index, path, index)
                .beginControlFlow("if ($N[$N] == 0)", path, index)
                .addStatement("throw new $T($S$W+ $S$W+ $N)", IllegalArgumentException.class,
                        "a Unix socket path cannot contain a NUL byte, ", "where the kernel would end it: one at index ",
                        index)
                .endControlFlow()
                .endControlFlow();
        m.addStatement("$N = $T.$N() + $N.length + 1", length, struct, pathField + "$offset", path);
        m.endControlFlow();
        m.addStatement("long $N = $T.sizeof()", size, struct);
        m.beginControlFlow("if ($N.byteSize() < $N)", dst, size)
                .addStatement("throw new $T($S$W+ $N.byteSize()$W+ $S$W+ $N$W+ $S)", IllegalArgumentException.class,
                        scope.declaredParameter(0) + " has ", dst, " bytes, but struct " + family.struct() + " needs ",
                        size, on)
                .endControlFlow();
        m.addComment("zeroed, so the NUL after a filesystem path is there");
        m.addStatement("$N.asSlice(0L, $N).fill((byte) 0)", dst, size);
        if (fields.len() != null) {
            m.addComment("$N is the length, its NUL counted (sys/un.h: \"sockaddr len including null\");",
                    family.lenField());
            m.addComment("the kernel sets it to the length passed anyway");
            m.addStatement("$T.$N($N, ($T) $N)", struct, family.lenField(), dst, fields.len().typeName(), length);
        }
        m.addStatement("$T.$N($N, ($T) $T.$N())", struct, family.familyField(), dst, fields.family().typeName(),
                cx.libc, family.constant());
        m.addStatement("$T.copy($N, 0, $N, $T.JAVA_BYTE,$W$T.$N(), $N.length)", Carrier.MEMORY_SEGMENT, path, dst,
                VALUE_LAYOUT, struct, pathField + "$offset", path);
        m.addStatement("return (int) $N", length);
        return scope.build();
    }

    MethodSpec writeDecode(SockaddrDecode decode) {
        if (decode.family().isPresent()) {
            return writeUnixDecode(decode);
        }
        MethodScope scope = cx.method(decode.method());
        String src = scope.parameter(0);
        String family = scope.local("family");
        String address = scope.local("address");
        String port = scope.local("port");
        String scopeId = scope.local("scopeId");
        String exception = scope.local("e");
        MethodSpec.Builder m = scope.builder();
        m.addStatement("$T.requireNonNull($N, $S)", Objects.class, src, scope.declaredParameter(0));
        Carrier familyType = decode.familyType().get(cx.variant.name());
        m.addStatement("int $N = $L", family,
                unsigned(familyType, CodeBlock.of("$T.sa_family($N)", cx.struct("sockaddr"), src)));
        for (SockaddrFamily f : SockaddrFamily.inet()) {
            ClassName struct = cx.struct(f.struct());
            m.beginControlFlow("if ($N == $T.$N())", family, cx.libc, f.constant());
            m.beginControlFlow("if ($N.byteSize() < $T.sizeof())", src, struct)
                    .addStatement("throw new $T($S$W+ $N.byteSize()$W+ $S$W+ $T.sizeof()$W+ $S)",
                            IllegalArgumentException.class,
                            scope.declaredParameter(0) + " has ", src, " bytes, but struct " + f.struct() + " needs ",
                            struct, " on " + cx.variant)
                    .endControlFlow();
            m.addStatement("byte[] $N = $N.asSlice($T.$N(), $L)$Z.toArray($T.JAVA_BYTE)", address, src, struct,
                    f.addressField() + "$offset", f.addressBytes(), VALUE_LAYOUT);
            m.addStatement("int $N = $T.toUnsignedInt($N.get($L,$W$T.$N()))", port, Short.class, src,
                    cx.networkShort(), struct, f.portField() + "$offset");
            if (f.scopeIdField() != null) {
                m.addComment("$N is dropped: an InetSocketAddress cannot carry it", f.flowInfoField());
                m.addStatement("int $N = $T.$N($N)", scopeId, struct, f.scopeIdField(), src);
            }
            m.beginControlFlow("try");
            if (f.scopeIdField() != null) {
                m.addComment("scope id 0 is \"none\": -1 keeps Inet6Address from printing it as %0");
                m.addStatement("return new $T($T.getByAddress(null,$W$N,$W$N == 0 ? -1 : $N),$W$N)", InetSocketAddress.class,
                        Inet6Address.class, address, scopeId, scopeId, port);
            } else {
                m.addStatement("return new $T($T.getByAddress($N), $N)", InetSocketAddress.class, InetAddress.class,
                        address, port);
            }
            m.nextControlFlow("catch ($T $N)", UnknownHostException.class, exception)
                    .addStatement("throw new $T($S, $N)", AssertionError.class,
                            f.addressBytes() + " bytes are always an address", exception)
                    .endControlFlow();
            m.endControlFlow();
        }
        m.addStatement("throw new $T($S$W+ $N$W+ $S$W+ $T.AF_INET()$W+ $S$W+ $T.AF_INET6()$W+ $S)",
                IllegalArgumentException.class, "unsupported socket address family ", family,
                " on " + cx.variant + ": expected AF_INET (", cx.libc, ") or AF_INET6 (", cx.libc, ")");
        return scope.build();
    }

    /**
     * {@code sockaddr_un} as the kernel returned it, {@code length} bytes of it: the path within
     * {@code sun_path} (Linux reports one byte past it for a path that fills {@code sun_path} without a NUL),
     * up to its NUL, or on Linux an abstract name whole. A length up to {@code sun_path}'s offset is an unnamed
     * socket (Linux reports just the family); xnu reports an unnamed one as a 16-byte {@code sockaddr} of
     * zeros ({@code sun_noname}, bsd/kern/uipc_usrreq.c), which reads as the empty path.
     */
    private MethodSpec writeUnixDecode(SockaddrDecode decode) {
        MethodScope scope = cx.method(decode.method());
        SockaddrFamily f = decode.family().orElseThrow();
        ClassName struct = cx.struct(f.struct());
        String pathField = f.addressField();
        String src = scope.parameter(0);
        String length = scope.parameter(1);
        String offset = scope.local("offset");
        String end = scope.local("end");
        String family = scope.local("family");
        String path = scope.local("path");
        String nul = scope.local("nul");
        String on = " on " + cx.variant;
        MethodSpec.Builder m = scope.builder();
        m.addStatement("$T.requireNonNull($N, $S)", Objects.class, src, scope.declaredParameter(0));
        m.beginControlFlow("if ($N < 0)", length)
                .addStatement("throw new $T($S + $N + $S)", IllegalArgumentException.class,
                        scope.declaredParameter(1) + " ", length, " is negative")
                .endControlFlow();
        m.addStatement("long $N = $T.$N()", offset, struct, pathField + "$offset");
        m.beginControlFlow("if ($N <= $N)", length, offset)
                .addComment("an unnamed socket")
                .addStatement("return new byte[0]")
                .endControlFlow();
        m.addComment(cx.variant.abstractUnixNames()
                ? "no further than $N, which Linux counts a NUL past for a path that fills it"
                : "no further than $N", pathField);
        m.addStatement("long $N = $T.min($N, $N + $T.$N().byteSize())", end, Math.class, length, offset, struct,
                pathField + "$layout");
        m.beginControlFlow("if ($N.byteSize() < $N)", src, end)
                .addStatement("throw new $T($S$W+ $N.byteSize()$W+ $S$W+ $N$W+ $S)", IllegalArgumentException.class,
                        scope.declaredParameter(0) + " has ", src, " bytes, but " + scope.declaredParameter(1)
                                + " says the address has ", end, on)
                .endControlFlow();
        m.addStatement("int $N = $L", family,
                unsigned(decode.familyType().get(cx.variant.name()),
                        CodeBlock.of("$T.$N($N)", struct, f.familyField(), src)));
        m.beginControlFlow("if ($N != $T.$N())", family, cx.libc, f.constant())
                .addStatement("throw new $T($S$W+ $N$W+ $S$W+ $T.$N()$W+ $S)", IllegalArgumentException.class,
                        "not an " + f.constant() + " address" + on + ": family ", family, " (" + f.constant() + " is ",
                        cx.libc, f.constant(), ")")
                .endControlFlow();
        m.addStatement("$T $N = $N.asSlice($N, $N - $N)", Carrier.MEMORY_SEGMENT, path, src, offset, end, offset);
        if (cx.variant.abstractUnixNames()) {
            m.beginControlFlow("if ($N.get($T.JAVA_BYTE, 0L) == 0)", path, VALUE_LAYOUT)
                    .addComment("an abstract name: every byte the kernel counted, the leading NUL too")
                    .addStatement("return $N.toArray($T.JAVA_BYTE)", path, VALUE_LAYOUT)
                    .endControlFlow();
        }
        m.addComment("a filesystem path, up to its NUL");
        m.addStatement("long $N = 0L", nul);
        m.beginControlFlow("while ($N < $N.byteSize() && $N.get($T.JAVA_BYTE, $N) != 0)", nul, path, path,
                        VALUE_LAYOUT, nul)
                .addStatement("$N++", nul)
                .endControlFlow();
        m.addStatement("return $N.asSlice(0L, $N).toArray($T.JAVA_BYTE)", path, nul, VALUE_LAYOUT);
        return scope.build();
    }

    /** The value of a family field as a non-negative int. */
    private static CodeBlock unsigned(Carrier type, CodeBlock value) {
        return switch (type) {
            case BYTE -> CodeBlock.of("$T.toUnsignedInt($L)", Byte.class, value);
            case SHORT -> CodeBlock.of("$T.toUnsignedInt($L)", Short.class, value);
            default -> value;
        };
    }
}
