package dev.conduit.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Reads annotation values through mirrors (never through {@code getAnnotation}, which cannot give a
 * {@code Class} value), so that diagnostics can point at the value they are about.
 */
final class Annotations {

    private final Elements elements;

    Annotations(Elements elements) {
        this.elements = elements;
    }

    /** The annotation of type {@code qualifiedName} on {@code element}, if present. */
    static Optional<AnnotationMirror> find(Element element, String qualifiedName) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
            if (type.getQualifiedName().contentEquals(qualifiedName)) {
                return Optional.of(mirror);
            }
        }
        return Optional.empty();
    }

    /** The value of {@code attribute}, its default if not given. */
    AnnotationValue value(AnnotationMirror mirror, String attribute) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
                : elements.getElementValuesWithDefaults(mirror).entrySet()) {
            if (e.getKey().getSimpleName().contentEquals(attribute)) {
                return e.getValue();
            }
        }
        throw new IllegalArgumentException("no attribute " + attribute + " in " + mirror);
    }

    /** The value given explicitly for {@code attribute}: the one a diagnostic should point at. */
    static AnnotationValue explicitValue(AnnotationMirror mirror, String attribute) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
                : mirror.getElementValues().entrySet()) {
            if (e.getKey().getSimpleName().contentEquals(attribute)) {
                return e.getValue();
            }
        }
        return null;
    }

    String string(AnnotationMirror mirror, String attribute) {
        return (String) value(mirror, attribute).getValue();
    }

    boolean bool(AnnotationMirror mirror, String attribute) {
        return (Boolean) value(mirror, attribute).getValue();
    }

    TypeMirror type(AnnotationMirror mirror, String attribute) {
        Object value = value(mirror, attribute).getValue();
        return value instanceof TypeMirror type ? type : null;
    }

    /** The elements of a {@code String[]} attribute (a single value counts as one element). */
    List<AnnotationValue> array(AnnotationMirror mirror, String attribute) {
        Object value = value(mirror, attribute).getValue();
        List<AnnotationValue> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object o : list) {
                out.add((AnnotationValue) o);
            }
        }
        return out;
    }
}
