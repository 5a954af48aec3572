package dev.conduit.processor;

import dev.conduit.processor.Bindings.Struct;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Validates {@code @EncodeSockaddr}, {@code @DecodeSockaddr} and {@code @SockaddrFamily} methods: their
 * shape, which depends on the family, and the address structs, fields and family constants each variant
 * must have.
 */
final class SockaddrParser {

    static final String ENCODE_SHAPE = "'int name(MemorySegment destination, byte[] address, int port)' or, for"
            + " AF_INET6 only, 'int name(MemorySegment destination, byte[] address, int port, int flowInfo, int scopeId)'";
    static final String UNIX_ENCODE_SHAPE = "'int name(MemorySegment destination, byte[] path)'";
    static final String DECODE_SHAPE = "'InetSocketAddress name(MemorySegment source)'";
    static final String UNIX_DECODE_SHAPE = "'byte[] name(MemorySegment source, int length)'";
    static final String FAMILY_SHAPE = "'int name(MemorySegment source)'";
    /** The families {@code @EncodeSockaddr} takes, for {@link Problem#UNKNOWN_FAMILY}. */
    static final String ENCODE_FAMILIES = "\"AF_INET\", \"AF_INET6\" and \"AF_UNIX\"";
    /** The families {@code @DecodeSockaddr} takes. */
    static final String DECODE_FAMILIES = "\"AF_UNIX\", or no family for AF_INET and AF_INET6";

    private final ParseContext ctx;

    SockaddrParser(ParseContext ctx) {
        this.ctx = ctx;
    }

    Optional<Operation> parseEncode(ExecutableElement method, AnnotationMirror annotation) {
        int errorsBefore = ctx.reporter.errorCount();
        List<? extends TypeMirror> params = method.getParameters().stream().map(p -> p.asType()).toList();
        boolean returnsInt = method.getReturnType().getKind() == TypeKind.INT;
        boolean addressAndPort = returnsInt && params.size() >= 3
                && Carrier.of(params.get(0)) == Carrier.SEGMENT && isByteArray(params.get(1))
                && params.get(2).getKind() == TypeKind.INT;
        boolean flowAndScope = addressAndPort && params.size() == 5 && params.get(3).getKind() == TypeKind.INT
                && params.get(4).getKind() == TypeKind.INT;
        String familyName = ctx.annotations.string(annotation, "family");
        AnnotationValue at = Annotations.explicitValue(annotation, "family");
        Optional<SockaddrFamily> family = SockaddrFamily.byConstant(familyName);
        if (family.isEmpty()) {
            ctx.reporter.error(method, annotation, at, Problem.UNKNOWN_FAMILY, familyName, "EncodeSockaddr",
                    ENCODE_FAMILIES);
            return Optional.empty();
        }
        if (family.get() == SockaddrFamily.UNIX) {
            boolean shaped = returnsInt && params.size() == 2 && Carrier.of(params.get(0)) == Carrier.SEGMENT
                    && isByteArray(params.get(1));
            if (!shaped) {
                ctx.reporter.error(method, Problem.BAD_SHAPE, "EncodeSockaddr(family = \"AF_UNIX\")",
                        Methods.describe(method), UNIX_ENCODE_SHAPE);
            }
        } else {
            boolean shaped = (addressAndPort && params.size() == 3)
                    || (flowAndScope && family.get().flowInfoField() != null);
            if (!shaped) {
                ctx.reporter.error(method, Problem.BAD_SHAPE, "EncodeSockaddr", Methods.describe(method), ENCODE_SHAPE);
            }
        }
        if (ctx.reporter.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        Map<String, SockaddrFields> layouts = new LinkedHashMap<>();
        for (Bindings b : ctx.bindings()) {
            SockaddrFields fields = familyFields(method, annotation, at, b, family.get(),
                    family.get().encodedFields(flowAndScope));
            if (fields != null) {
                layouts.put(b.variant().name(), fields);
            }
        }
        if (ctx.reporter.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new SockaddrEncode(method, family.get(), flowAndScope, layouts));
    }

    Optional<Operation> parseDecode(ExecutableElement method, AnnotationMirror annotation) {
        String familyName = ctx.annotations.string(annotation, "family");
        if (familyName.isEmpty()) {
            return parseInetDecode(method, annotation);
        }
        AnnotationValue at = Annotations.explicitValue(annotation, "family");
        Optional<SockaddrFamily> family = SockaddrFamily.byConstant(familyName);
        if (family.isEmpty()) {
            ctx.reporter.error(method, annotation, at, Problem.UNKNOWN_FAMILY, familyName, "DecodeSockaddr",
                    DECODE_FAMILIES);
            return Optional.empty();
        }
        if (family.get().isInet()) {
            ctx.reporter.error(method, annotation, at, Problem.INET_DECODE_FAMILY, familyName, familyName);
            return Optional.empty();
        }
        int errorsBefore = ctx.reporter.errorCount();
        List<? extends VariableElement> params = method.getParameters();
        boolean shaped = isByteArray(method.getReturnType()) && params.size() == 2
                && Carrier.of(params.get(0).asType()) == Carrier.SEGMENT
                && params.get(1).asType().getKind() == TypeKind.INT;
        if (!shaped) {
            ctx.reporter.error(method, Problem.BAD_SHAPE, "DecodeSockaddr(family = \"" + familyName + "\")",
                    Methods.describe(method), UNIX_DECODE_SHAPE);
            return Optional.empty();
        }
        Map<String, Carrier> familyTypes = new LinkedHashMap<>();
        for (Bindings b : ctx.bindings()) {
            SockaddrFields fields = familyFields(method, annotation, at, b, family.get(),
                    family.get().requiredFields());
            if (fields != null) {
                familyTypes.put(b.variant().name(), fields.family());
            }
        }
        if (ctx.reporter.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new SockaddrDecode(method, family, familyTypes));
    }

    /** {@code InetSocketAddress m(MemorySegment)}: every IP family's struct, and {@code sockaddr.sa_family}. */
    private Optional<Operation> parseInetDecode(ExecutableElement method, AnnotationMirror annotation) {
        int errorsBefore = ctx.reporter.errorCount();
        boolean shaped = isNamed(method.getReturnType(), "java.net.InetSocketAddress")
                && method.getParameters().size() == 1
                && Carrier.of(method.getParameters().getFirst().asType()) == Carrier.SEGMENT;
        if (!shaped) {
            ctx.reporter.error(method, Problem.BAD_SHAPE, "DecodeSockaddr", Methods.describe(method), DECODE_SHAPE);
            return Optional.empty();
        }
        Map<String, Carrier> familyTypes = saFamilyTypes(method, annotation);
        for (Bindings b : ctx.bindings()) {
            for (SockaddrFamily family : SockaddrFamily.inet()) {
                familyFields(method, annotation, null, b, family, family.requiredFields());
            }
        }
        if (ctx.reporter.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new SockaddrDecode(method, Optional.empty(), familyTypes));
    }

    /** {@code int m(MemorySegment)}: {@code sockaddr.sa_family} in every variant. */
    Optional<Operation> parseFamily(ExecutableElement method, AnnotationMirror annotation) {
        int errorsBefore = ctx.reporter.errorCount();
        boolean shaped = method.getReturnType().getKind() == TypeKind.INT && method.getParameters().size() == 1
                && Carrier.of(method.getParameters().getFirst().asType()) == Carrier.SEGMENT;
        if (!shaped) {
            ctx.reporter.error(method, Problem.BAD_SHAPE, "SockaddrFamily", Methods.describe(method), FAMILY_SHAPE);
            return Optional.empty();
        }
        Map<String, Carrier> familyTypes = saFamilyTypes(method, annotation);
        if (ctx.reporter.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new SockaddrFamilyRead(method, familyTypes));
    }

    /** Per variant name, the Java type of {@code sockaddr.sa_family}; reports a variant where it is not usable. */
    private Map<String, Carrier> saFamilyTypes(ExecutableElement method, AnnotationMirror annotation) {
        Map<String, Carrier> familyTypes = new LinkedHashMap<>();
        for (Bindings b : ctx.bindings()) {
            Variant v = b.variant();
            Optional<Struct> sockaddr = b.struct("sockaddr");
            if (sockaddr.isEmpty()) {
                ctx.missingStruct(method, annotation, null, "sockaddr", v, "");
                continue;
            }
            Optional<Carrier> familyType = sockaddr.get().field("sa_family");
            if (familyType.isEmpty()) {
                ctx.missingField(method, annotation, "sockaddr", "sa_family", v);
            } else if (!isIntegral(familyType.get())) {
                ctx.unexpectedBinding(method, annotation, "sockaddr.sa_family", v, familyType.get().javaName(),
                        "byte, short or int");
            } else {
                familyTypes.put(v.name(), familyType.get());
            }
        }
        return familyTypes;
    }

    /**
     * Checks a family's constant, struct and the {@code fields} used in one variant; returns its length
     * and family field types, or null after reporting what is missing.
     */
    private SockaddrFields familyFields(ExecutableElement method, AnnotationMirror annotation, AnnotationValue at,
            Bindings b, SockaddrFamily family, List<String> fields) {
        Variant v = b.variant();
        boolean ok = true;
        if (b.constant(family.constant()).orElse(Carrier.OTHER) != Carrier.INT) {
            ctx.missingConstant(method, annotation, at, family.constant(), v, "");
            ok = false;
        }
        Optional<Struct> struct = b.struct(family.struct());
        if (struct.isEmpty()) {
            ctx.missingStruct(method, annotation, at, family.struct(), v, "");
            return null;
        }
        for (String field : fields) {
            Optional<Carrier> type = struct.get().field(field);
            if (type.isEmpty()) {
                ctx.missingField(method, annotation, family.struct(), field, v);
                ok = false;
            } else if ((field.equals(family.flowInfoField()) || field.equals(family.scopeIdField()))
                    && type.get() != Carrier.INT) {
                // read and written through the accessors as the Java int of a uint32_t
                ctx.unexpectedBinding(method, annotation, family.struct() + "." + field, v, type.get().javaName(),
                        "int");
                ok = false;
            } else if (family == SockaddrFamily.UNIX && field.equals(family.addressField())
                    && !isSequence(struct.get(), field)) {
                // the path's limit is the array's size, read from sun_path$layout()
                ctx.unexpectedBinding(method, annotation, family.struct() + "." + field, v,
                        type.get().javaName() + " " + field + struct.get().fieldLayout(field)
                                .map(l -> " with " + Methods.simpleName(l) + " " + field + "$layout()").orElse(""),
                        "a char array: MemorySegment " + field + " with SequenceLayout " + field + "$layout()");
                ok = false;
            }
        }
        Carrier familyType = struct.get().field(family.familyField()).orElse(null);
        if (familyType != null && !isIntegral(familyType)) {
            ctx.unexpectedBinding(method, annotation, family.struct() + "." + family.familyField(), v,
                    familyType.javaName(), "byte, short or int");
            ok = false;
        }
        Carrier len = struct.get().field(family.lenField()).orElse(null);
        if (len != null && !isIntegral(len)) {
            ctx.unexpectedBinding(method, annotation, family.struct() + "." + family.lenField(), v,
                    len.javaName(), "byte, short or int");
            ok = false;
        }
        return ok ? new SockaddrFields(len, familyType) : null;
    }

    private static boolean isSequence(Struct struct, String field) {
        return struct.field(field).orElse(Carrier.OTHER) == Carrier.SEGMENT
                && struct.fieldLayout(field).map(l -> isNamed(l, "java.lang.foreign.SequenceLayout")).orElse(false);
    }

    private static boolean isIntegral(Carrier c) {
        return c == Carrier.BYTE || c == Carrier.SHORT || c == Carrier.INT;
    }

    private static boolean isByteArray(TypeMirror type) {
        return type instanceof ArrayType array && array.getComponentType().getKind() == TypeKind.BYTE;
    }

    static boolean isNamed(TypeMirror type, String qualifiedName) {
        return type instanceof DeclaredType d && d.asElement().toString().equals(qualifiedName);
    }
}
