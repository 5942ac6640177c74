package io.emporium.servers;

import java.io.IOException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Copying and deleting directory trees, for the servers' work directories. */
final class PathTrees {

    private PathTrees() {
    }

    /** Copies {@code source} into {@code target}, creating the directories it needs. */
    static void copy(Path source, Path target, CopyOption... options) throws IOException {
        try (var paths = Files.walk(source)) {
            for (var path : (Iterable<Path>) paths::iterator) {
                var copy = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy, options);
                }
            }
        }
    }

    /** Deletes {@code root} and all it holds, if it exists. */
    static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (var path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
