package dev.conduit.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One variant's constants and struct layouts, as {@link Dump} prints them or as a reference
 * (C probe, value table) states them, and the comparison of two such sets.
 */
record Abi(String variant, SortedMap<String, Long> constants, SortedMap<String, Struct> structs) {

    record Struct(long size, long align, SequencedMap<String, Field> fields) {}

    record Field(long offset, long size) {}

    /** Runs the real command line ({@code --variant v}) and reads its JSON output. */
    static Abi dump(String variant) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = Dump.run(new String[] {"--variant", variant},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, () -> "Dump --variant " + variant + " failed: " + err.toString(StandardCharsets.UTF_8));
        return fromJson(out.toString(StandardCharsets.UTF_8));
    }

    /** Reads Dump's JSON shape ({@code variant} may be absent, as in a value table). */
    @SuppressWarnings("unchecked")
    static Abi fromJson(String json) {
        Map<String, Object> root = (Map<String, Object>) Json.parse(json);
        SortedMap<String, Long> constants = new TreeMap<>();
        ((Map<String, Object>) root.get("constants")).forEach((name, value) -> constants.put(name, integer(name, value)));
        SortedMap<String, Struct> structs = new TreeMap<>();
        ((Map<String, Object>) root.get("structs")).forEach((name, value) -> {
            Map<String, Object> s = (Map<String, Object>) value;
            SequencedMap<String, Field> fields = new LinkedHashMap<>();
            ((Map<String, Object>) s.get("fields")).forEach((fieldName, f) -> {
                Map<String, Object> field = (Map<String, Object>) f;
                String where = name + "." + fieldName;
                fields.put(fieldName, new Field(integer(where + ".offset", field.get("offset")),
                        integer(where + ".size", field.get("size"))));
            });
            structs.put(name, new Struct(integer(name + ".size", s.get("size")), integer(name + ".align", s.get("align")), fields));
        });
        return new Abi((String) root.get("variant"), constants, structs);
    }

    private static long integer(String what, Object value) {
        if (value instanceof Long l) {
            return l;
        }
        throw new IllegalArgumentException(what + " is not an integer: " + value);
    }

    /** A copy with one constant changed: used to prove that a comparison notices. */
    Abi withConstant(String name, long value) {
        SortedMap<String, Long> changed = new TreeMap<>(constants);
        changed.put(name, value);
        return new Abi(variant, changed, structs);
    }

    /** A copy with one field offset changed. */
    Abi withFieldOffset(String struct, String field, long offset) {
        SortedMap<String, Struct> changed = new TreeMap<>(structs);
        Struct s = structs.get(struct);
        SequencedMap<String, Field> fields = new LinkedHashMap<>(s.fields());
        fields.put(field, new Field(offset, fields.get(field).size()));
        changed.put(struct, new Struct(s.size(), s.align(), fields));
        return new Abi(variant, constants, changed);
    }

    /** A copy with one field size changed. */
    Abi withFieldSize(String struct, String field, long size) {
        SortedMap<String, Struct> changed = new TreeMap<>(structs);
        Struct s = structs.get(struct);
        SequencedMap<String, Field> fields = new LinkedHashMap<>(s.fields());
        fields.put(field, new Field(fields.get(field).offset(), size));
        changed.put(struct, new Struct(s.size(), s.align(), fields));
        return new Abi(variant, constants, changed);
    }

    /**
     * Every difference between this (what the bindings say) and a reference, one line each: a
     * constant, struct or field present on one side only, or any value that differs. Empty means
     * equal.
     */
    List<String> differences(Abi reference, String referenceName) {
        List<String> out = new ArrayList<>();
        for (String name : union(constants.keySet(), reference.constants.keySet())) {
            Long ours = constants.get(name);
            Long theirs = reference.constants.get(name);
            if (ours == null || theirs == null || !ours.equals(theirs)) {
                out.add("constant " + name + ": bindings " + show(ours) + ", " + referenceName + " " + show(theirs));
            }
        }
        for (String name : union(structs.keySet(), reference.structs.keySet())) {
            Struct ours = structs.get(name);
            Struct theirs = reference.structs.get(name);
            if (ours == null || theirs == null) {
                out.add("struct " + name + ": bindings " + (ours == null ? "missing" : "present")
                        + ", " + referenceName + " " + (theirs == null ? "missing" : "present"));
                continue;
            }
            if (ours.size() != theirs.size()) {
                out.add("sizeof(struct " + name + "): bindings " + ours.size() + ", " + referenceName + " " + theirs.size());
            }
            if (ours.align() != theirs.align()) {
                out.add("_Alignof(struct " + name + "): bindings " + ours.align() + ", " + referenceName + " " + theirs.align());
            }
            for (String field : union(ours.fields().keySet(), theirs.fields().keySet())) {
                Field a = ours.fields().get(field);
                Field b = theirs.fields().get(field);
                if (a == null || b == null || !a.equals(b)) {
                    out.add("field " + name + "." + field + ": bindings " + show(a) + ", " + referenceName + " " + show(b));
                }
            }
        }
        return out;
    }

    private static String show(Object value) {
        return switch (value) {
            case null -> "missing";
            case Field f -> "offset " + f.offset() + " size " + f.size();
            default -> value.toString();
        };
    }

    private static TreeSet<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        TreeSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
