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

    /** The names following {@code option} (e.g. {@code --include-constant}) in a variant's allow-list. */
    static SortedSet<String> allowListed(String variant, String option) {
        return allowListed(inputs(variant).resolve("symbols.txt"), option);
    }

    /** The names following {@code option} in every allow-list ({@code headers/inputs/* /symbols.txt}). */
    static SortedSet<String> allowListedAnywhere(String option) {
        SortedSet<String> names = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(root().resolve("headers/inputs"))) {
            dirs.map(d -> d.resolve("symbols.txt")).filter(Files::isRegularFile)
                    .forEach(f -> names.addAll(allowListed(f, option)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private static SortedSet<String> allowListed(Path symbols, String option) {
        try {
            List<String> tokens = Files.readAllLines(symbols).stream().map(String::strip)
                    .filter(s -> !s.isEmpty() && !s.startsWith("#")).toList();
            SortedSet<String> names = new TreeSet<>();
            for (int i = 0; i + 1 < tokens.size(); i++) {
                if (tokens.get(i).equals(option)) {
                    names.add(tokens.get(i + 1));
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
