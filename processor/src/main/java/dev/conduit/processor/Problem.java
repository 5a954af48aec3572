package dev.conduit.processor;

import java.util.Locale;

/**
 * Every diagnostic the processor reports. Each says what is wrong and how to fix it; the texts are
 * {@link String#format} patterns that the tests assert, so change them here and nowhere else. A
 * formatted message starts with its code in brackets ({@code [conduit:missing-function]}) so that
 * it can be searched for.
 */
enum Problem {

    // --- the @SocketOps interface ----------------------------------------------------------------

    /** {@code @SocketOps} on a class, enum, record or annotation. */
    NOT_AN_INTERFACE("@SocketOps must annotate an interface; %s is a %s"),

    /** The interface is generic: no implementation could pick the type arguments. */
    GENERIC_INTERFACE("@SocketOps interface %s must not have type parameters: each generated implementation"
            + " implements it as it is"),

    /** {@code variants = {}}. */
    NO_VARIANTS("@SocketOps lists no variants: add at least one, e.g. variants = {\"linux-x86_64\"}"),

    /** A variant name that does not look like {@code os-arch}. */
    BAD_VARIANT_NAME("\"%s\" is not a variant name: use <os>-<arch> in lower case, e.g. \"linux-x86_64\""
            + " or \"macos-aarch64\""),

    /** The same variant twice. */
    DUPLICATE_VARIANT("variant \"%s\" is listed twice: remove one"),

    /** No {@code dev.conduit.headers.<os>.<arch>.Libc} for a listed variant. */
    BINDINGS_NOT_FOUND("no bindings for variant %s: class %s is not on the class path. Fix: generate the"
            + " bindings for %s (headers/variants/%s, then mvn -pl headers generate-sources) and depend on"
            + " conduit-headers, or remove \"%s\" from variants"),

    /** The errors class lacks the factory the generated code calls. */
    BAD_ERRORS_CLASS("errors class %s has no public static method 'IOException forErrno(String function,"
            + " String errnoName, int errno)' that %s can call. Fix: add it (it may return a subclass of"
            + " IOException)"),

    /** An abstract method with none of the Conduit annotations. */
    NOT_ANNOTATED("abstract method %s has no Conduit annotation, so there is nothing to generate for it. Fix:"
            + " annotate it with one of @SocketOp, @SockOpt, @Constant, @EncodeSockaddr, @DecodeSockaddr,"
            + " @SockaddrFamily, @Layout, @CallStateLayout, @VariantName or @ErrnoName, or give it a default body"),

    /** A method with two Conduit annotations. */
    CONFLICTING_ANNOTATIONS("method %s has both @%s and @%s: keep one"),

    /** A generic method. */
    GENERIC_METHOD("method %s must not have type parameters"),

    /** Two methods doing the same thing. */
    DUPLICATE_OPERATION("duplicate operation: %s does the same as %s (%s). Fix: remove one of them"),

    /** A method of the wrong shape for its annotation. */
    BAD_SHAPE("@%s method %s must be declared as %s"),

    // --- symbols missing from a variant's bindings ------------------------------------------------

    /** A C function the bindings of a variant lack. */
    MISSING_FUNCTION("C function %s is not in the %s bindings (%s). Fix: add 'function %s' to %s and"
            + " regenerate the bindings%s"),

    /** A C constant the bindings of a variant lack. */
    MISSING_CONSTANT("C constant %s is not in the %s bindings (%s), but %s needs it. Fix: add"
            + " 'constant %s' to %s and regenerate the bindings%s"),

    /** A struct the bindings of a variant lack. */
    MISSING_STRUCT("struct %s is not in the %s bindings (no class %s), but %s needs it. Fix: add"
            + " 'struct %s' to %s and regenerate the bindings%s"),

    /** A {@code @Layout} name that is neither a struct nor a typedef in a variant's bindings. */
    MISSING_LAYOUT("%s is neither a struct nor a typedef in the %s bindings (no class %s with layout(), no field"
            + " %s.%s), but %s needs it. Fix: add 'struct %s' or 'typedef %s' (whichever it is)"
            + " to %s and regenerate the bindings%s"),

    /** A typedef the bindings of a variant lack. */
    MISSING_TYPEDEF("typedef %s is not in the %s bindings (no field %s.%s), but %s needs it. Fix: add 'typedef %s'"
            + " to %s and regenerate the bindings%s"),

    /** A field a struct of a variant's bindings lacks. */
    MISSING_STRUCT_FIELD("struct %s in the %s bindings has no field %s, but %s needs it. Fix: declare the field"
            + " in that variant's headers (headers/inputs/%s) and regenerate the bindings%s"),

    /** Second fix of the MISSING_* messages, for annotations that have {@code unavailableOn}. */
    OR_UNAVAILABLE(", or, if %s really lacks it, add unavailableOn = \"%s\""),

    /** Second fix of MISSING_CONSTANT on an {@code int} {@code @Constant}. */
    OR_OPTIONAL(", or return OptionalInt (empty where it is absent), or add unavailableOn = \"%s\""),

    /** An {@code OptionalInt} constant absent from every variant: probably misspelled. */
    CONSTANT_NOWHERE("C constant %s is in none of the variants' bindings (%s), so %s always returns"
            + " OptionalInt.empty(). Check the spelling, or add 'constant %s' to"
            + " headers/inputs/common/symbols.txt (every variant) or headers/inputs/<os>/symbols.txt (one OS)"),

    // --- types --------------------------------------------------------------------------------------

    /** A parameter or return type the processor cannot pass to or take from C. */
    UNSUPPORTED_TYPE("%s: %s has type %s, which cannot cross to C. Fix: use the bindings' Java types (int,"
            + " long, MemorySegment, or another primitive where the bindings have one)"),

    /** Parameter count differs from the bindings. */
    ARITY_MISMATCH("%s takes %d parameter(s), but %s on %s takes %d: %s. Fix: declare the parameters as %s"),

    /** A parameter type differs from the bindings (beyond the safe int/long adaptations). */
    PARAMETER_MISMATCH("%s: parameter %s is %s, but %s on %s takes %s there: %s. Fix: declare it as %s"),

    /** A return type differs from the bindings. */
    RETURN_MISMATCH("%s returns %s, but %s on %s returns %s: %s. Fix: return %s%s"),

    /** A variadic argument with no C layout. */
    UNSUPPORTED_VARIADIC("%s: variadic argument %s of %s is %s; pass int, long, double or MemorySegment"),

    /** A constant whose type the method cannot return. */
    CONSTANT_TYPE_MISMATCH("%s returns %s, but C constant %s is a %s in the %s bindings. Fix: %s"),

    /** A {@code @Layout} method whose declared type a variant's layout is not. */
    LAYOUT_TYPE_MISMATCH("%s returns %s, but the layout of %s in the %s bindings is a %s (%s). Fix: return %s"),

    /** {@code critical = true} with errno capture. */
    CRITICAL_WITH_ERRNO("%s: critical = true cannot capture errno (the JDK rejects Linker.Option.critical"
            + " together with captureCallState). Fix: add captureErrno = false, or drop critical = true"),

    /** A call that captures errno but would throw an undeclared IOException. */
    MISSING_THROWS("%s reports a failed call as an IOException from %s.forErrno, but does not declare it. Fix:"
            + " add 'throws IOException'%s"),

    /** Second fix of MISSING_THROWS for {@code @SocketOp}. */
    OR_NO_ERRNO(", or add captureErrno = false to get the raw result instead"),

    /** A result that cannot signal failure with -1, while errno is to be captured. */
    NO_FAILURE_VALUE("%s: %s returns %s, which has no -1 failure value to check errno by. Fix: add"
            + " captureErrno = false and check the result yourself"),

    /** {@code returnWouldBlock = true} on a method whose result cannot be {@code -2}. */
    WOULD_BLOCK_RESULT("%s: returnWouldBlock = true returns SocketOp.WOULD_BLOCK (-2), which a %s result cannot"
            + " carry. Fix: return int or long (declare a call such as connect as int: 0 on success), or drop"
            + " returnWouldBlock = true"),

    /** {@code returnWouldBlock = true} without errno capture. */
    WOULD_BLOCK_WITHOUT_ERRNO("%s: returnWouldBlock = true tells EAGAIN from other failures by errno, but"
            + " captureErrno = false captures none. Fix: drop captureErrno = false (and critical = true), or drop"
            + " returnWouldBlock = true"),

    /** A {@code @CallState} parameter before the last. */
    CALL_STATE_NOT_LAST("%s: @CallState parameter %s must be the last parameter, after the C function's own. Fix:"
            + " move it to the end"),

    /** A {@code @CallState} parameter of another type than {@code MemorySegment}. */
    CALL_STATE_NOT_A_SEGMENT("%s: @CallState parameter %s is %s, but the capture state is a MemorySegment. Fix:"
            + " declare it as MemorySegment"),

    /** A {@code @CallState} parameter on a call that captures nothing. */
    CALL_STATE_WITHOUT_ERRNO("%s: @CallState parameter %s would receive the captured errno, but captureErrno ="
            + " false captures none. Fix: remove the parameter, or drop captureErrno = false (and critical = true)"),

    /** A {@code @CallState} parameter on a method that makes no errno-capturing downcall. */
    CALL_STATE_NOT_APPLICABLE("%s: @CallState parameter %s means nothing to @%s, which makes no downcall that"
            + " captures errno. Fix: remove @CallState (it is for @SocketOp and @SockOpt methods)"),

    /** A binding whose shape is not what jextract emits for the symbol: the headers are unusual. */
    UNEXPECTED_BINDING("%s in the %s bindings is %s, but %s needs %s. Fix: check that variant's headers"
            + " (headers/inputs/%s) and regenerate the bindings"),

    // --- @Struct records ------------------------------------------------------------------------------

    /** A {@code @SockOpt} value of a declared type that is no record. */
    STRUCT_NOT_A_RECORD("%s: the option value %s is a Java %s, not a record. Fix: use int or boolean, or declare a"
            + " record annotated @Struct(\"<C struct tag>\") whose components are named after the struct's fields"),

    /** A {@code @SockOpt} value record without {@code @Struct}. */
    STRUCT_NOT_ANNOTATED("%s: record %s has no @Struct, so the C struct it stands for is unknown. Fix: annotate it"
            + " @Struct(\"<C struct tag>\"), e.g. @Struct(\"linger\")"),

    /** A record component of a type no C field can be carried by. */
    UNSUPPORTED_COMPONENT("record %s: component %s is %s. Fix: declare it as int, long, short, byte or boolean (for"
            + " a scalar field) or byte[] (for a nested struct, union or array field)"),

    /** A record component named after no field of the struct. */
    NOT_A_STRUCT_FIELD("record %s: component %s is not a field of struct %s in the %s bindings, whose fields are"
            + " %s. Fix: name the component after the C field it stands for"),

    /** A record component whose type cannot carry its field in a variant. */
    COMPONENT_MISMATCH("record %s: component %s is %s, which cannot carry field %s of struct %s in the %s bindings"
            + " (%s). Fix: %s"),

    // --- annotation values -------------------------------------------------------------------------

    /** A {@code family} of {@code @EncodeSockaddr} or {@code @DecodeSockaddr} that it cannot handle. */
    UNKNOWN_FAMILY("unknown socket address family \"%s\": @%s supports %s"),

    /** {@code @DecodeSockaddr(family = "AF_INET")}: the decoder without a family reads both IP families. */
    INET_DECODE_FAMILY("@DecodeSockaddr(family = \"%s\"): the InetSocketAddress decoder takes no family, as it"
            + " reads AF_INET and AF_INET6 alike by the address's own family. Fix: remove family = \"%s\""),

    /** An {@code unavailableOn} glob that matches none of the variants. */
    GLOB_MATCHES_NOTHING("%s \"%s\" matches none of the variants %s. Fix: correct the spelling"
            + " (globs look like \"macos-*\" or \"*-aarch64\"), or remove it"),

    /** A {@code nameOn} entry that is not {@code "<glob>=<NAME>"}. */
    BAD_NAME_ON("nameOn entry \"%s\" is not \"<variant glob>=<C name>\". Fix: write it like"
            + " \"macos-*=TCP_KEEPALIVE\""),

    /** Two {@code nameOn} entries for one variant. */
    NAME_ON_TWICE("nameOn entries \"%s\" and \"%s\" both match %s. Fix: make their globs match disjoint variants"),

    /** A {@code nameOn} entry for a variant the method is unavailable on. */
    NAME_ON_UNAVAILABLE("nameOn entry \"%s\" matches %s, which unavailableOn excludes, so the name would never be"
            + " used. Fix: narrow the glob or remove the entry"),

    // --- module --------------------------------------------------------------------------------------

    /** A named module that does not provide the generated implementations. */
    MISSING_PROVIDES("module %s does not provide %s with %s, and ServiceLoader ignores META-INF/services in a"
            + " named module. Fix: put this in its module-info.java: %s"),

    /** Anything unexpected inside the processor: reported, never thrown into javac. */
    INTERNAL_ERROR("internal error in the Conduit processor while handling %s; please report it: %s");

    private final String format;

    Problem(String format) {
        this.format = format;
    }

    /** The pattern, for tests that assert a message. */
    String format() {
        return format;
    }

    /** {@code [conduit:missing-function]}: the code a formatted message starts with. */
    String code() {
        return "[conduit:" + name().toLowerCase(Locale.ROOT).replace('_', '-') + "]";
    }

    /** The message for these arguments, code first. */
    String message(Object... args) {
        return code() + " " + String.format(Locale.ROOT, format, args);
    }

    /** The text of the message without its code, for fragments such as {@link #OR_UNAVAILABLE}. */
    String text(Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
