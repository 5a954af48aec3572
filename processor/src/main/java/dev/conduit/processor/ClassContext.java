package dev.conduit.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.NameAllocator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;

/**
 * The state of one generated class while its methods are written: the variant, the holders and
 * helpers it needs, and the names that method bodies refer to (which parameters must not hide).
 */
final class ClassContext {

    /** Simple names that generated bodies may use unqualified: parameters must not hide them. */
    private static final List<String> BODY_NAMES = List.of(
            "Arena", "MemorySegment", "MemoryLayout", "Linker", "FunctionDescriptor", "MethodHandle", "VarHandle",
            "StructLayout", "ValueLayout", "ByteOrder", "Objects", "InetAddress", "Inet6Address", "InetSocketAddress",
            "UnknownHostException", "IOException", "OptionalInt", "IllegalArgumentException",
            "UnsupportedOperationException", "AssertionError", "RuntimeException", "Error", "Throwable", "Short",
            "Byte", "Integer", "Long", "String", "Map", "HashMap", "Math", "SocketOp",
            SupportTypes.CALL_STATE, SupportTypes.ERRNO_NAMES, SupportTypes.NETWORK_SHORT,
            SupportTypes.NETWORK_INT);

    final InterfaceModel model;
    final Variant variant;
    final ClassName implementation;
    final ClassName libc;
    final DowncallHandles handles;
    private final Set<String> usedNames = new LinkedHashSet<>();
    private boolean callState;
    private boolean errnoNames;
    private boolean networkShort;
    private boolean networkInt;

    ClassContext(InterfaceModel model, Variant variant) {
        this.model = model;
        this.variant = variant;
        this.implementation = model.implementation(variant);
        this.libc = variant.headerClass();
        NameAllocator typeNames = new NameAllocator();
        for (String reserved : List.of(implementation.simpleName(), model.name().simpleName(),
                SupportTypes.CALL_STATE, SupportTypes.ERRNO_NAMES)) {
            typeNames.newName(reserved);
        }
        this.handles = new DowncallHandles(implementation, libc, typeNames);
    }

    /** Starts a method; call after every holder the class needs is registered, so their names are reserved. */
    MethodScope method(ExecutableElement method) {
        List<String> reserved = new ArrayList<>(BODY_NAMES);
        reserved.add(libc.simpleName());
        reserved.add(model.errors().simpleName());
        reserved.add(model.name().simpleName());
        reserved.add(implementation.simpleName());
        reserved.addAll(handles.simpleNames());
        reserved.addAll(usedNames);
        return new MethodScope(method, reserved);
    }

    /** The bindings class of {@code struct tag}; its name is reserved from then on. */
    ClassName struct(String tag) {
        usedNames.add(tag);
        return variant.struct(tag);
    }

    /** Registers a struct before methods are written, so that no parameter hides it. */
    void useStruct(String tag) {
        usedNames.add(tag);
    }

    /** Registers another simple name bodies use (a record's), so that no parameter hides it. */
    void reserve(String simpleName) {
        usedNames.add(simpleName);
    }

    ClassName callState() {
        callState = true;
        return implementation.nestedClass(SupportTypes.CALL_STATE);
    }

    ClassName errnoNames() {
        errnoNames = true;
        return implementation.nestedClass(SupportTypes.ERRNO_NAMES);
    }

    /** {@code NETWORK_SHORT}, the big-endian unaligned short layout of ports. */
    CodeBlock networkShort() {
        networkShort = true;
        return CodeBlock.of("$N", SupportTypes.NETWORK_SHORT);
    }

    /** {@code NETWORK_INT}, the big-endian unaligned int layout of IPv6 flow info. */
    CodeBlock networkInt() {
        networkInt = true;
        return CodeBlock.of("$N", SupportTypes.NETWORK_INT);
    }

    boolean needsCallState() {
        return callState;
    }

    boolean needsErrnoNames() {
        return errnoNames;
    }

    boolean needsNetworkShort() {
        return networkShort;
    }

    boolean needsNetworkInt() {
        return networkInt;
    }

    /** {@code throw new UnsupportedOperationException("accept4 is not available on macos-aarch64")}. */
    CodeBlock unavailable(String symbol) {
        return CodeBlock.builder()
                .addStatement("throw new $T($S)", UnsupportedOperationException.class,
                        symbol + " is not available on " + variant)
                .build();
    }
}
