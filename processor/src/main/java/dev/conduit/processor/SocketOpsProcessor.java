package dev.conduit.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import dev.conduit.ops.SocketOps;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Generates, for every {@code @SocketOps} interface and each of its variants, an implementation
 * {@code <Interface>_<os>_<arch>} linked against that variant's jextract bindings, plus
 * {@code META-INF/services/<Interface>}; checks that a named module {@code provides} them all.
 *
 * <p>Works in three steps per interface: {@link InterfaceParser} validates it into an
 * {@link InterfaceModel} (reporting every problem on the element it is about, never throwing),
 * {@link ImplementationWriter} writes one class per variant, and {@link ProvidesCheck} runs a round
 * later, once the classes exist.
 */
@AutoService(Processor.class)
public final class SocketOpsProcessor extends AbstractProcessor {

    private Reporter reporter;
    private final Set<String> processed = new HashSet<>();
    private final List<ProvidesCheck.Pending> pendingProvides = new ArrayList<>();

    /** Creates the processor; javac does, through ServiceLoader. */
    public SocketOpsProcessor() {
    }

    @Override
    public synchronized void init(ProcessingEnvironment processingEnv) {
        super.init(processingEnv);
        reporter = new Reporter(processingEnv.getMessager());
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        // all of dev.conduit.ops, so that javac -Xlint:processing sees them claimed; only @SocketOps starts work
        return Set.of(SocketOps.class.getPackageName() + ".*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (ProvidesCheck.Pending pending : pendingProvides) {
            ProvidesCheck.check(processingEnv.getElementUtils(), reporter, pending);
        }
        pendingProvides.clear();

        TypeElement socketOps = processingEnv.getElementUtils().getTypeElement(InterfaceParser.SOCKET_OPS);
        if (socketOps == null) {
            return true;
        }
        for (Element element : round.getElementsAnnotatedWith(socketOps)) {
            if (!(element instanceof TypeElement type) || !processed.add(type.getQualifiedName().toString())) {
                continue;
            }
            try {
                process(type);
            } catch (RuntimeException | IOException | Error e) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                reporter.error(type, Problem.INTERNAL_ERROR, type.getQualifiedName(), trace);
            }
        }
        return true;
    }

    private void process(TypeElement type) throws IOException {
        Optional<InterfaceModel> parsed = new InterfaceParser(processingEnv, reporter).parse(type);
        if (parsed.isEmpty()) {
            return;
        }
        InterfaceModel model = parsed.get();
        Map<Variant, Bindings> bindings = new LinkedHashMap<>();
        for (Variant v : model.variants()) {
            bindings.put(v, Bindings.load(v, processingEnv.getElementUtils()).orElseThrow());
        }
        List<ClassName> implementations = new ArrayList<>();
        for (Variant v : model.variants()) {
            new ImplementationWriter(model, v, bindings.get(v)).write().writeTo(processingEnv.getFiler());
            implementations.add(model.implementation(v));
        }
        ServicesFile.write(processingEnv.getFiler(), type,
                processingEnv.getElementUtils().getBinaryName(type).toString(), implementations);
        pendingProvides.add(new ProvidesCheck.Pending(type.getQualifiedName().toString(), implementations));
    }
}
