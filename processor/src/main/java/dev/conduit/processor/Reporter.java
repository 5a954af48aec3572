package dev.conduit.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports {@link Problem}s on the element (and, where there is one, the annotation value) they are
 * about, and remembers whether any error was reported so that nothing is generated from a broken
 * interface. Never throws.
 */
final class Reporter {

    private final Messager messager;
    private int errors;

    Reporter(Messager messager) {
        this.messager = messager;
    }

    void error(Element element, Problem problem, Object... args) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, problem.message(args), element);
    }

    /** An error pointing at an annotation, or at one of its values when {@code value} is not null. */
    void error(Element element, AnnotationMirror annotation, AnnotationValue value, Problem problem, Object... args) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, problem.message(args), element, annotation, value);
    }

    /** An error whose text was composed from several problems (a main one and its fix-its). */
    void error(Element element, AnnotationMirror annotation, String message) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation);
    }

    void warning(Element element, Problem problem, Object... args) {
        messager.printMessage(Diagnostic.Kind.WARNING, problem.message(args), element);
    }

    /** The number of errors reported so far. */
    int errorCount() {
        return errors;
    }
}
