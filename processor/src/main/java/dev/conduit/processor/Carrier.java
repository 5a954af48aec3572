package dev.conduit.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * A Java type as it crosses into C: the primitive or {@code MemorySegment} carrier of a jextract
 * binding, {@code void}, or {@link #OTHER} for anything that cannot cross. Comparing carriers is
 * how method signatures are checked against the bindings.
 */
enum Carrier {
    VOID("void", null),
    BOOLEAN("boolean", "C_BOOL"),
    BYTE("byte", "C_CHAR"),
    SHORT("short", "C_SHORT"),
    CHAR("char", null),
    INT("int", "C_INT"),
    LONG("long", "C_LONG"),
    FLOAT("float", "C_FLOAT"),
    DOUBLE("double", "C_DOUBLE"),
    SEGMENT("MemorySegment", "C_POINTER"),
    OTHER("?", null);

    static final ClassName MEMORY_SEGMENT = ClassName.get("java.lang.foreign", "MemorySegment");

    private final String javaName;
    private final String layoutField;

    Carrier(String javaName, String layoutField) {
        this.javaName = javaName;
        this.layoutField = layoutField;
    }

    static Carrier of(TypeMirror type) {
        return switch (type.getKind()) {
            case VOID -> VOID;
            case BOOLEAN -> BOOLEAN;
            case BYTE -> BYTE;
            case SHORT -> SHORT;
            case CHAR -> CHAR;
            case INT -> INT;
            case LONG -> LONG;
            case FLOAT -> FLOAT;
            case DOUBLE -> DOUBLE;
            case DECLARED -> ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName()
                    .contentEquals("java.lang.foreign.MemorySegment") ? SEGMENT : OTHER;
            default -> OTHER;
        };
    }

    /** How it is spelled in Java source and in messages. */
    String javaName() {
        return javaName;
    }

    TypeName typeName() {
        return switch (this) {
            case VOID -> TypeName.VOID;
            case BOOLEAN -> TypeName.BOOLEAN;
            case BYTE -> TypeName.BYTE;
            case SHORT -> TypeName.SHORT;
            case CHAR -> TypeName.CHAR;
            case INT -> TypeName.INT;
            case LONG -> TypeName.LONG;
            case FLOAT -> TypeName.FLOAT;
            case DOUBLE -> TypeName.DOUBLE;
            case SEGMENT -> MEMORY_SEGMENT;
            case OTHER -> throw new IllegalStateException("no type for OTHER");
        };
    }

    /** The field of the bindings' header class holding this carrier's C layout ({@code C_INT}), or null. */
    String layoutField() {
        return layoutField;
    }

    /** What a C variadic argument of this carrier is passed as (C promotes float to double). */
    boolean variadicSupported() {
        return this == INT || this == LONG || this == DOUBLE || this == SEGMENT;
    }

    boolean crossesToC() {
        return this != OTHER && this != CHAR;
    }
}
