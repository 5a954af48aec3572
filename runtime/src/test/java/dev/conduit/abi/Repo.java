package dev.conduit.abi;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Files of the source tree the ABI tests read: the headers module's inputs and the sources. */
final class Repo {

    private Repo() {}

    /** The repository root: the first directory upwards from the working directory with {@code headers/inputs}. */
    static Path root() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("headers/inputs")) && Files.isDirectory(dir.resolve("headers/variants"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no headers/inputs above " + start + ": run the tests from the Conduit source tree");
    }

    /** The variant directories under {@code headers/variants}, e.g. {@code linux-x86_64}. */
    static SortedSet<String> variantDirectories() {
        try (Stream<Path> dirs = Files.list(root().resolve("headers/variants"))) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .collect(TreeSet::new, TreeSet::add, TreeSet::addAll);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code headers/inputs/<inputs>} of a variant, as its {@code variant.properties} names it. */
    static Path inputs(String variant) {
        Path properties = root().resolve("headers/variants").resolve(variant).resolve("variant.properties");
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(properties)) {
            p.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root().resolve("headers/inputs").resolve(p.getProperty("inputs"));
    }

    /**
     * The names of {@code kind} ({@code constant}, {@code struct}, ...) that a variant's bindings must
     * have: {@code headers/inputs/common/symbols.txt} plus its own input set's additions.
     */
    static SortedSet<String> allowListed(String variant, String kind) {
        SortedSet<String> names = allowListed(root().resolve("headers/inputs/common/symbols.txt"), kind);
        names.addAll(allowListed(inputs(variant).resolve("symbols.txt"), kind));
        return names;
    }

    /** The names of {@code kind} in every symbol list ({@code headers/inputs/* /symbols.txt}). */
    static SortedSet<String> allowListedAnywhere(String kind) {
        SortedSet<String> names = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(root().resolve("headers/inputs"))) {
            dirs.map(d -> d.resolve("symbols.txt")).filter(Files::isRegularFile)
                    .forEach(f -> names.addAll(allowListed(f, kind)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** The names of the {@code KIND NAME} lines of {@code kind} in one symbol list. */
    private static SortedSet<String> allowListed(Path symbols, String kind) {
        try {
            SortedSet<String> names = new TreeSet<>();
            for (String line : Files.readAllLines(symbols)) {
                String[] words = line.strip().split("\\s+");
                if (words.length == 2 && words[0].equals(kind)) {
                    names.add(words[1]);
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
