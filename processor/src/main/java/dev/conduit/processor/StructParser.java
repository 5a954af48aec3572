package dev.conduit.processor;

import com.palantir.javapoet.ClassName;
import dev.conduit.ops.Struct;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Validates a record used as a socket option value: that it is a record annotated {@code @Struct}, that its
 * components have types that can carry C fields, and that in every variant that needs it the struct exists
 * and each component is one of its fields, of a kind the component's type carries. A record is checked once
 * per variant however many methods use it, so an error about a component is reported once, on the component.
 */
final class StructParser {

    static final String STRUCT = Struct.class.getCanonicalName();

    private static final String ADDRESS_LAYOUT = "java.lang.foreign.AddressLayout";

    private final ParseContext ctx;
    /** Per record, whether every component has a usable type. */
    private final Map<String, Boolean> typesChecked = new HashMap<>();
    /** Per record and variant, the carrier of each component's field, or null once a problem was reported. */
    private final Map<String, Map<String, Carrier>> fieldsChecked = new HashMap<>();

    StructParser(ParseContext ctx) {
        this.ctx = ctx;
    }

    /**
     * The option value {@code type} of {@code method}, which reads or writes it in the variants that are not
     * {@code unavailable}; empty after reporting. {@code usage} is where a problem with the type itself is
     * reported: the parameter of a setter, the method of a getter.
     */
    Optional<StructValue> parse(ExecutableElement method, AnnotationMirror annotation, Element usage, TypeMirror type,
            Set<String> unavailable) {
        String describe = Methods.describe(method);
        Element element = type instanceof DeclaredType d ? d.asElement() : null;
        if (element == null || element.getKind() != ElementKind.RECORD) {
            String kind = element == null ? type.getKind().name() : element.getKind().name();
            ctx.reporter.error(usage, Problem.STRUCT_NOT_A_RECORD, describe, Methods.simpleName(type),
                    kind.toLowerCase(Locale.ROOT).replace('_', ' '));
            return Optional.empty();
        }
        TypeElement record = (TypeElement) element;
        Optional<AnnotationMirror> struct = Annotations.find(record, STRUCT);
        if (struct.isEmpty()) {
            ctx.reporter.error(usage, Problem.STRUCT_NOT_ANNOTATED, describe, Methods.simpleName(type));
            return Optional.empty();
        }
        String tag = ctx.annotations.string(struct.get(), "value");
        String name = record.getQualifiedName().toString();
        List<? extends RecordComponentElement> components = record.getRecordComponents();
        if (!typesChecked.computeIfAbsent(name, k -> typesOk(record, components))) {
            return Optional.empty();
        }
        boolean ok = true;
        Map<String, Map<String, Carrier>> fieldsByVariant = new LinkedHashMap<>();
        for (Bindings b : ctx.bindings()) {
            Variant v = b.variant();
            if (unavailable.contains(v.name())) {
                continue;
            }
            Optional<Bindings.Struct> s = b.struct(tag);
            if (s.isEmpty()) {
                ctx.missingStruct(method, annotation, null, tag, v, Problem.OR_UNAVAILABLE.text(v, v));
                ok = false;
                continue;
            }
            String key = name + " " + v.name();
            if (!fieldsChecked.containsKey(key)) {
                fieldsChecked.put(key, fields(record, components, s.get(), v));
            }
            Map<String, Carrier> fields = fieldsChecked.get(key);
            if (fields == null) {
                ok = false;
            } else {
                fieldsByVariant.put(v.name(), fields);
            }
        }
        if (!ok) {
            return Optional.empty();
        }
        List<StructValue.Component> model = new ArrayList<>();
        for (RecordComponentElement c : components) {
            String field = c.getSimpleName().toString();
            Map<String, Carrier> carriers = new LinkedHashMap<>();
            fieldsByVariant.forEach((variant, fields) -> carriers.put(variant, fields.get(field)));
            model.add(new StructValue.Component(field, carrier(c.asType()), carriers));
        }
        return Optional.of(new StructValue(ClassName.get(record), tag, model));
    }

    /** Whether every component is a primitive that can carry a scalar field or a {@code byte[]}; reports the rest. */
    private boolean typesOk(TypeElement record, List<? extends RecordComponentElement> components) {
        boolean ok = true;
        for (RecordComponentElement c : components) {
            if (carrier(c.asType()) == Carrier.OTHER) {
                ctx.reporter.error(c, Problem.UNSUPPORTED_COMPONENT, record.getSimpleName(), c.getSimpleName(),
                        Methods.simpleName(c.asType()));
                ok = false;
            }
        }
        return ok;
    }

    /** The carrier of each component's field in one variant's struct, or null after reporting a problem. */
    private Map<String, Carrier> fields(TypeElement record, List<? extends RecordComponentElement> components,
            Bindings.Struct struct, Variant v) {
        Map<String, Carrier> fields = new LinkedHashMap<>();
        boolean ok = true;
        for (RecordComponentElement c : components) {
            String name = c.getSimpleName().toString();
            Optional<Carrier> field = struct.field(name);
            if (field.isEmpty()) {
                ctx.reporter.error(c, Problem.NOT_A_STRUCT_FIELD, record.getSimpleName(), name, struct.tag(), v,
                        String.join(", ", struct.fields()));
                ok = false;
                continue;
            }
            Carrier component = carrier(c.asType());
            String fix = fix(component, field.get(), struct.fieldLayout(name));
            if (fix != null) {
                String found = struct.fieldLayout(name)
                        .map(t -> struct.tag() + "." + name + "$layout() returns " + Methods.nestedName(t))
                        .orElse("its getter returns " + field.get().javaName());
                ctx.reporter.error(c, Problem.COMPONENT_MISMATCH, record.getSimpleName(), name,
                        Methods.simpleName(c.asType()), name, struct.tag(), v, found, fix);
                ok = false;
                continue;
            }
            fields.put(name, field.get());
        }
        return ok ? fields : null;
    }

    /** How to make {@code component} carry a field of {@code field}'s type, or null if it does. */
    private String fix(Carrier component, Carrier field, Optional<TypeMirror> fieldLayout) {
        boolean nested = field == Carrier.SEGMENT && fieldLayout.map(t -> !isAddress(t)).orElse(true);
        if (isScalar(field)) {
            return isScalar(component) ? null : "declare it as a scalar (int, long, short, byte or boolean)";
        }
        if (nested) {
            return component == Carrier.SEGMENT ? null : "declare it as byte[] (the field's bytes)";
        }
        return "leave the field out of the record: a pointer or floating-point field cannot be carried";
    }

    private boolean isAddress(TypeMirror layout) {
        return ctx.types.isAssignable(layout, ctx.elements.getTypeElement(ADDRESS_LAYOUT).asType());
    }

    private static boolean isScalar(Carrier c) {
        return c == Carrier.BYTE || c == Carrier.SHORT || c == Carrier.INT || c == Carrier.LONG || c == Carrier.BOOLEAN;
    }

    /** The carrier of a component type: a scalar primitive, {@code SEGMENT} for {@code byte[]}, else {@code OTHER}. */
    private static Carrier carrier(TypeMirror type) {
        if (type instanceof ArrayType array) {
            return array.getComponentType().getKind() == TypeKind.BYTE ? Carrier.SEGMENT : Carrier.OTHER;
        }
        Carrier c = Carrier.of(type);
        return isScalar(c) ? c : Carrier.OTHER;
    }
}
