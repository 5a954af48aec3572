package dev.conduit.abi;

import dev.conduit.headers.BindingsNaming;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.PaddingLayout;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.module.ResolvedModule;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Contributor tool: prints every constant and struct layout that one variant's jextract bindings
 * carry, as one JSON object. Works for any variant on any host: it only reads constant methods and
 * struct layouts, no downcall happens. Not API: its package is not exported by the {@code dev.conduit}
 * module; it is run by its main class, on the class path or the module path
 * ({@code java -p conduit-runtime.jar:conduit-headers.jar -m dev.conduit/dev.conduit.abi.Dump ...}).
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp conduit-runtime.jar:conduit-headers.jar dev.conduit.abi.Dump --variant macos-aarch64
 * {"variant":"macos-aarch64",
 *  "constants":{"AF_INET":2,...},
 *  "structs":{"sockaddr_in":{"size":16,"align":4,"fields":{"sin_len":{"offset":0,"size":1},...}},...}}
 * </pre>
 * (The flag only silences the JDK's warning about jextract's {@code AddressLayout.withTargetLayout}
 * call when the bindings load; nothing native is called.)
 *
 * <p>Variant {@code <os>-<arch>} is the bindings package {@code dev.conduit.headers.<os>.<arch>}
 * ({@link BindingsNaming}). Constants are the public static no-argument methods of its header class
 * {@code Libc} (and the classes it extends) that return a primitive and are neither functions nor
 * global variables.
 * Structs are the package's top-level classes with a static {@code layout()} returning a
 * {@link GroupLayout}; the classes are found by listing the headers module (module path) or the
 * class path entries, never from a hand-written list. Fields are the named members with their byte offset and size; padding is not
 * a field, a named nested struct or union is one field, and the members of an unnamed one are
 * fields of the enclosing struct (as in C). Constants and structs are sorted by name, fields are in
 * declaration order.
 */
public final class Dump {

    private Dump() {}

    /** {@code --variant <name>}: prints the JSON; exits with status 2 on a usage error. */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The command line, with its exit status: 0 on success, 2 on a usage error. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        String variant = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--variant") && i + 1 < args.length) {
                variant = args[++i];
            } else if (args[i].startsWith("--variant=")) {
                variant = args[i].substring("--variant=".length());
            } else {
                variant = null;
                break;
            }
        }
        List<String> known = variants();
        if (variant == null || !known.contains(variant)) {
            if (variant != null) {
                err.println("unknown variant: " + variant);
            }
            err.println("usage: java -cp <conduit-runtime.jar>:<conduit-headers.jar> dev.conduit.abi.Dump --variant <name>");
            err.println("prints the constants and struct layouts of that variant's bindings as JSON");
            err.println("known variants: " + String.join(", ", known));
            return 2;
        }
        out.println(json(variant));
        return 0;
    }

    /** Every variant whose bindings are present, e.g. {@code linux-x86_64}, sorted. */
    static List<String> variants() {
        SortedSet<String> variants = new TreeSet<>();
        String headerClassFile = "/" + BindingsNaming.HEADER_CLASS + ".class";
        for (String resource : headerClassResources()) {
            if (resource.endsWith(headerClassFile)) {
                String variant = BindingsNaming.variantOf(
                        resource.substring(0, resource.length() - headerClassFile.length()).replace('/', '.'));
                if (variant != null) {
                    variants.add(variant);
                }
            }
        }
        return List.copyOf(variants);
    }

    /** The JSON object described in the class comment, for one variant. */
    static String json(String variant) {
        StringBuilder json = new StringBuilder();
        json.append("{\"variant\":").append(quote(variant)).append(",\n");
        json.append(" \"constants\":{");
        String separator = "\n  ";
        for (var constant : constants(variant).entrySet()) {
            json.append(separator).append(quote(constant.getKey())).append(':').append(number(constant.getValue()));
            separator = ",\n  ";
        }
        json.append("},\n \"structs\":{");
        separator = "\n  ";
        for (var struct : structs(variant).entrySet()) {
            GroupLayout layout = struct.getValue();
            json.append(separator).append(quote(struct.getKey()))
                    .append(":{\"size\":").append(layout.byteSize())
                    .append(",\"align\":").append(layout.byteAlignment())
                    .append(",\"fields\":{");
            String fieldSeparator = "";
            for (var field : fields(layout).entrySet()) {
                json.append(fieldSeparator).append(quote(field.getKey()))
                        .append(":{\"offset\":").append(field.getValue()[0])
                        .append(",\"size\":").append(field.getValue()[1]).append('}');
                fieldSeparator = ",";
            }
            json.append("}}");
            separator = ",\n  ";
        }
        json.append("}}");
        return json.toString();
    }

    /** The variant's constants by C name; values are the boxed primitives the bindings return. */
    static SortedMap<String, Object> constants(String variant) {
        Class<?> header = load(BindingsNaming.headerClassOf(variant));
        SortedMap<String, Object> constants = new TreeMap<>();
        for (Class<?> c = header; c != null && c != Object.class; c = c.getSuperclass()) {
            if (c.getSimpleName().endsWith("$shared")) {
                continue; // jextract's common layouts (C_INT, ...), not constants
            }
            for (Method m : c.getDeclaredMethods()) {
                if (isConstant(m, header) && !constants.containsKey(m.getName())) {
                    constants.put(m.getName(), invoke(header, m.getName(), m.getReturnType()));
                }
            }
        }
        return constants;
    }

    /** The variant's struct (and union) layouts by class name, which is the C tag. */
    static SortedMap<String, GroupLayout> structs(String variant) {
        String prefix = BindingsNaming.packageOf(variant).replace('.', '/') + "/";
        SortedMap<String, GroupLayout> structs = new TreeMap<>();
        for (String resource : headerClassResources()) {
            if (!resource.startsWith(prefix)) {
                continue;
            }
            String simpleName = resource.substring(prefix.length(), resource.length() - ".class".length());
            if (simpleName.contains("/") || simpleName.contains("$")) {
                continue; // other packages, nested classes
            }
            Class<?> type = load(BindingsNaming.packageOf(variant) + "." + simpleName);
            Method layout = publicStatic(type, "layout");
            if (layout != null && GroupLayout.class.isAssignableFrom(layout.getReturnType())) {
                structs.put(simpleName, (GroupLayout) invoke(type, "layout", layout.getReturnType()));
            }
        }
        return structs;
    }

    /** Field name to {offset, size} in bytes, in declaration order. */
    static SequencedMap<String, long[]> fields(GroupLayout layout) {
        SequencedMap<String, long[]> fields = new LinkedHashMap<>();
        addFields(layout, 0, fields);
        return fields;
    }

    private static void addFields(GroupLayout group, long base, Map<String, long[]> fields) {
        long next = 0; // FFM struct layouts spell out their padding, so members follow each other
        for (MemoryLayout member : group.memberLayouts()) {
            long offset = base + (group instanceof StructLayout ? next : 0);
            next += member.byteSize();
            if (member instanceof PaddingLayout) {
                continue;
            }
            String name = member.name().orElse("");
            if (member instanceof GroupLayout nested && (name.isEmpty() || name.startsWith("$anon$"))) {
                addFields(nested, offset, fields); // C11 anonymous member: its fields are ours
            } else if (name.isEmpty()) {
                throw new IllegalStateException("unnamed member in " + group);
            } else {
                fields.put(name, new long[] {offset, member.byteSize()});
            }
        }
    }

    private static boolean isConstant(Method m, Class<?> header) {
        int modifiers = m.getModifiers();
        return Modifier.isPublic(modifiers)
                && Modifier.isStatic(modifiers)
                && m.getParameterCount() == 0
                && m.getReturnType().isPrimitive()
                && m.getReturnType() != void.class
                && !m.getName().contains("$")
                && !isFunctionOrVariable(header, m.getName());
    }

    /**
     * jextract gives every function a {@code name$handle()} (variadic ones are a nested class) and
     * every global variable a {@code name$segment()}; a constant has neither.
     */
    private static boolean isFunctionOrVariable(Class<?> header, String name) {
        for (Class<?> c = header; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name + "$handle") || m.getName().equals(name + "$segment")) {
                    return true;
                }
            }
            for (Class<?> nested : c.getDeclaredClasses()) {
                if (nested.getSimpleName().equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Method publicStatic(Class<?> type, String name) {
        try {
            Method m = type.getMethod(name);
            return Modifier.isStatic(m.getModifiers()) ? m : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** Invoked through the public header class (the declaring class may be a package-private Libc_1). */
    private static Object invoke(Class<?> owner, String name, Class<?> returnType) {
        try {
            MethodHandle handle = MethodHandles.publicLookup().findStatic(owner, name, MethodType.methodType(returnType));
            return handle.invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read " + owner.getName() + "." + name + "()", e);
        }
    }

    private static Class<?> load(String name) {
        ClassLoader loader = headersLayer()
                .map(layer -> layer.findLoader(BindingsNaming.MODULE))
                .orElse(Dump.class.getClassLoader());
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no bindings class " + name + " (is conduit-headers on the path?)", e);
        }
    }

    private static Optional<ModuleLayer> headersLayer() {
        ModuleLayer layer = Optional.ofNullable(Dump.class.getModule().getLayer()).orElse(ModuleLayer.boot());
        return layer.findModule(BindingsNaming.MODULE).map(Module::getLayer);
    }

    /** Class resource names under {@code dev/conduit/headers/}, from the headers module or the class path. */
    private static List<String> headerClassResources() {
        String prefix = BindingsNaming.ROOT_PACKAGE.replace('.', '/') + "/";
        List<String> names = new ArrayList<>();
        Optional<ResolvedModule> module = headersLayer()
                .flatMap(layer -> layer.configuration().findModule(BindingsNaming.MODULE));
        try {
            if (module.isPresent()) {
                try (var reader = module.get().reference().open(); Stream<String> list = reader.list()) {
                    list.forEach(names::add);
                }
            } else {
                for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                    Path path = Path.of(entry.isEmpty() ? "." : entry);
                    if (Files.isDirectory(path)) {
                        try (Stream<Path> files = Files.walk(path)) {
                            files.map(p -> path.relativize(p).toString().replace(java.io.File.separatorChar, '/'))
                                    .forEach(names::add);
                        }
                    } else if (Files.isRegularFile(path)) {
                        try (JarFile jar = new JarFile(path.toFile())) {
                            jar.stream().forEach(e -> names.add(e.getName()));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the bindings classes", e);
        }
        return names.stream().filter(n -> n.startsWith(prefix) && n.endsWith(".class")).sorted().toList();
    }

    private static String number(Object value) {
        return switch (value) {
            case Character c -> Integer.toString(c);
            case Float f when f.isInfinite() || f.isNaN() -> quote(f.toString());
            case Double d when d.isInfinite() || d.isNaN() -> quote(d.toString());
            default -> value.toString(); // Integer, Long, Short, Byte, Boolean, finite Float/Double
        };
    }

    private static String quote(String s) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
