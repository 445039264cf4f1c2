package dev.handoff.config.validate;

import dev.handoff.error.HandoffException;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files {@code validate} was asked to check: a file is taken as given (also an
 * evaluation settings file); a directory stands for the {@code *.yaml}/{@code *.yml} files
 * directly in it; a quoted glob ({@code 'guidelines/*.yaml'}) for the files it matches.
 * Directories and globs leave out evaluation settings and the project file, with a note.
 *
 * @param notes one line each, for stderr
 */
public record FileSet(List<Entry> files, List<String> notes) {

    /** A file to read, and how to name it: as the user wrote it. */
    public record Entry(Path file, Path shownAs) {
    }

    public static FileSet expand(Path workDir, List<String> args) {
        List<Entry> files = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (String arg : args) {
            Path shown = Path.of(arg);
            Path file = workDir.resolve(shown);
            if (Files.isDirectory(file)) {
                addAll(files, notes, listed(file), file, shown);
            } else if (!Files.exists(file) && isGlob(arg)) {
                List<Path> matches = glob(workDir, arg);
                if (matches.isEmpty()) {
                    throw HandoffException.usage(arg + ": no file matches", "check the pattern, or let the shell expand it");
                }
                boolean absolute = shown.isAbsolute();
                addAll(files, notes, matches, absolute ? Path.of("/") : workDir, absolute ? Path.of("/") : Path.of(""));
            } else {
                files.add(new Entry(file, shown));
            }
        }
        return new FileSet(once(files), List.copyOf(notes));
    }

    /**
     * Each file once, as first named: 'dd', 'dd/x.yaml', './dd/x.yaml' and 'dd/*.yaml' are one file,
     * as are targets sharing a file, and checking it twice doubled its findings in the summary.
     */
    private static List<Entry> once(List<Entry> files) {
        java.util.Set<Path> seen = new java.util.HashSet<>();
        List<Entry> out = new ArrayList<>();
        for (Entry e : files) {
            if (seen.add(identity(e.file()))) {
                out.add(e);
            }
        }
        return List.copyOf(out);
    }

    /** The file's real path (a symbolic link is its target), or its normalized absolute path when it cannot be resolved. */
    private static Path identity(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException | RuntimeException e) {
            return file.toAbsolutePath().normalize(); // a missing file is reported as such, once
        }
    }

    /** Adds what a folder or glob found, named relative to {@code shownBase} as the user wrote it. */
    private static void addAll(List<Entry> files, List<String> notes, List<Path> found, Path base, Path shownBase) {
        for (Path f : found) {
            Path shown = shownBase.resolve(base.relativize(f));
            String name = f.getFileName().toString();
            if (EvaluationRules.isEvaluationFile(f)) {
                notes.add("skipped " + shown + ": evaluation settings; pass it by name to check it");
            } else if (name.equals("handoff.yaml")) {
                notes.add("skipped " + shown + ": the project file, not a configuration");
            } else {
                files.add(new Entry(f, shown));
            }
        }
    }

    private static List<Path> listed(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(FileSet::isYaml).sorted().toList();
        } catch (IOException e) {
            throw HandoffException.usage(dir + ": cannot list: " + e.getMessage(), null);
        }
    }

    private static boolean isYaml(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".yaml") || n.endsWith(".yml");
    }

    private static boolean isGlob(String arg) {
        return arg.chars().anyMatch(ch -> "*?[{".indexOf(ch) >= 0);
    }

    private static List<Path> glob(Path workDir, String pattern) {
        // walk only below the part of the pattern that has no wildcard
        String[] parts = pattern.split("/");
        Path base = workDir;
        int i = 0;
        for (; i < parts.length - 1 && !isGlob(parts[i]); i++) {
            base = base.resolve(parts[i].isEmpty() ? "/" : parts[i]);
        }
        Path root = base;
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + String.join("/", List.of(parts).subList(i, parts.length)));
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).filter(p -> matcher.matches(root.relativize(p))).sorted().toList();
        } catch (IOException e) {
            throw HandoffException.usage(pattern + ": cannot search: " + e.getMessage(), null);
        }
    }
}
