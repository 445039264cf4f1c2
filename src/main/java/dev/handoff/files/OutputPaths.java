package dev.handoff.files;

import dev.handoff.error.HandoffException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Checks a file an option will write before any work starts, so that a long run never ends in
 * "cannot write": an empty path (an unset variable such as $GITHUB_STEP_SUMMARY), a folder, a
 * place nobody may write to; and, with {@link #overlaps()}, an output that is also an input or
 * another output (the input would be replaced by the report, or the last writer would win).
 */
public final class OutputPaths {

    private OutputPaths() {
    }

    /**
     * @param option   the option's name, for the message
     * @param given    the path as the user typed it (may be empty)
     * @param workDir  relative paths are resolved against it
     * @return the absolute, normalised path
     */
    public static Path check(String option, String given, Path workDir) {
        if (given == null || given.isBlank()) {
            throw HandoffException.usage(option + ": the file name is empty",
                    "an unset variable? ($GITHUB_STEP_SUMMARY is only set inside GitHub Actions); pass a file name");
        }
        if (given.strip().equals("-")) {
            // the usual "stdout" of other tools: here it would create a file named '-'
            throw HandoffException.usage(option + " -: this option writes a file, and stdout carries the report",
                    "name a file (" + option + " report.out), or /dev/stdout to write it there instead of the report");
        }
        Path target = workDir.resolve(given).toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw HandoffException.usage(option + " " + given + ": is a folder", "name a file to write, not a folder");
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            return target;   // a device or a pipe (/dev/stdout): written in place, errors surface then
        }
        Path dir = target.getParent();
        while (dir != null && !Files.exists(dir)) {
            dir = dir.getParent();
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw HandoffException.usage(option + " " + given + ": " + (dir == null ? "no folder to write into" : dir + " is not a folder"),
                    "name a file in an existing folder");
        }
        try {
            // the real test: the file is written as a temporary file next to it, then moved
            Path probe = Files.createTempFile(dir, ".handoff-write-check.", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw HandoffException.usage(option + " " + given + ": cannot create a file in " + dir,
                    "choose a file in a folder you can write to");
        }
        if (Files.exists(target) && !Files.isWritable(target)) {
            throw HandoffException.usage(option + " " + given + ": cannot write the file (permission denied)",
                    "choose a file you can write to");
        }
        return target;
    }

    /** Starts an overlap check: name the run's outputs and inputs, then {@link Overlaps#check()}. */
    public static Overlaps overlaps() {
        return new Overlaps();
    }

    /** The outputs and inputs of one run, compared by real path: {@code ./x}, {@code x} and a link to x are one file. */
    public static final class Overlaps {

        private record Named(String option, String given, Path real, Predicate<Path> reads) {
            String shown() {
                return option.isEmpty() ? given : option + " " + given;
            }
        }

        private final List<Named> outputs = new ArrayList<>();
        private final List<Named> inputs = new ArrayList<>();
        private final Set<String> allowed = new HashSet<>();
        /** Files this run does not read but no output may replace (what: how the message names them). */
        private final List<Named> kept = new ArrayList<>();

        private Overlaps() {
        }

        /** A file the run writes; null paths are ignored (an option not given). */
        public Overlaps output(String option, Path given, Path resolved) {
            // a device or a pipe (/dev/stdout) is written in place, not replaced: two reports may share it
            boolean device = given != null && Files.exists(resolved) && !Files.isRegularFile(resolved) && !Files.isDirectory(resolved);
            if (given != null && !device) {
                outputs.add(new Named(option, given.toString(), real(resolved), null));
            }
            return this;
        }

        /**
         * A file the run reads, or a folder whose files {@code reads} accepts; null paths are ignored.
         *
         * @param option the option that names it, or "" for a positional argument
         */
        public Overlaps input(String option, Path given, Path resolved, Predicate<Path> reads) {
            if (given != null) {
                inputs.add(new Named(option, given.toString(), real(resolved), Files.isDirectory(resolved) ? reads : null));
            }
            return this;
        }

        /**
         * A file this run does not read that no output may replace all the same (a configuration's recorded verdicts, which
         * only other runs read): named by {@code what}, e.g. "the recorded verdicts of guidelines/x.yaml".
         */
        public Overlaps kept(String what, Path resolved) {
            kept.add(new Named(what, "", real(resolved), null));
            return this;
        }

        /** The output of {@code outputOption} may be the input of {@code inputOption} (read first, then replaced). */
        public Overlaps allow(String outputOption, String inputOption) {
            allowed.add(outputOption + "\n" + inputOption);
            return this;
        }

        /** Throws a usage error for the first output that is an input or another output. */
        public void check() {
            for (int i = 0; i < outputs.size(); i++) {
                Named out = outputs.get(i);
                for (int j = 0; j < i; j++) {
                    if (outputs.get(j).real().equals(out.real())) {
                        throw HandoffException.usage(outputs.get(j).shown() + " and " + out.shown() + " are the same file",
                                "give each output a file of its own; otherwise the last one written wins");
                    }
                }
                for (Named k : kept) {
                    if (k.real().equals(out.real())) {
                        throw HandoffException.usage(out.shown() + ": is " + k.option() + "; writing a report there would replace them",
                                "write " + out.option() + " to another file");
                    }
                }
                for (Named in : inputs) {
                    if (allowed.contains(out.option() + "\n" + in.option())) {
                        continue;
                    }
                    // a new file a later walk would read breaks every later run as surely as a replaced one
                    boolean same = in.reads() == null ? in.real().equals(out.real())
                            : (out.real().startsWith(in.real()) && in.reads().test(out.real())) || readThroughLink(in, out.real());
                    if (same) {
                        String what = in.reads() == null ? "is also an input (" + in.shown() + ")"
                                : "is read as an input (it is in " + in.shown() + ")";
                        throw HandoffException.usage(out.shown() + ": " + what + "; writing it would replace what is read",
                                "write " + out.option() + " to another file");
                    }
                }
            }
        }

        /**
         * Whether a walk of the folder, which follows links, reads {@code target} under another
         * name (a link to a folder outside it, or a link to the file). Bounded: a folder of more
         * entries than this is not searched further.
         */
        private static boolean readThroughLink(Named folder, Path target) {
            if (!Files.exists(target)) {
                return false;
            }
            boolean[] found = {false};
            int[] seen = {0};
            try {
                Files.walkFileTree(folder.real(), java.util.EnumSet.of(java.nio.file.FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                        new java.nio.file.SimpleFileVisitor<>() {
                            @Override
                            public java.nio.file.FileVisitResult preVisitDirectory(Path dir, java.nio.file.attribute.BasicFileAttributes a) {
                                boolean hidden = !dir.equals(folder.real()) && dir.getFileName().toString().startsWith(".");
                                return hidden ? java.nio.file.FileVisitResult.SKIP_SUBTREE : java.nio.file.FileVisitResult.CONTINUE;
                            }

                            @Override
                            public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes a) {
                                if (++seen[0] > 200_000) {
                                    return java.nio.file.FileVisitResult.TERMINATE;
                                }
                                if (folder.reads().test(file) && real(file).equals(target)) {
                                    found[0] = true;
                                    return java.nio.file.FileVisitResult.TERMINATE;
                                }
                                return java.nio.file.FileVisitResult.CONTINUE;
                            }

                            @Override
                            public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
                                return java.nio.file.FileVisitResult.CONTINUE; // a link loop or an unreadable entry
                            }
                        });
            } catch (IOException e) {
                return false;
            }
            return found[0];
        }

        /**
         * The file itself: the real path when it exists, else its folder's real path and its name. A
         * link whose target does not exist yet is followed too: writing through it creates that target.
         */
        static Path real(Path p) {
            return real(p, 0);
        }

        private static Path real(Path p, int links) {
            Path abs = p.toAbsolutePath().normalize();
            try {
                return abs.toRealPath();
            } catch (IOException e) {
                Path parent = abs.getParent();
                if (parent == null || abs.getFileName() == null) {
                    return abs;
                }
                if (links < 40 && Files.isSymbolicLink(abs)) {
                    try {
                        return real(parent.resolve(Files.readSymbolicLink(abs)), links + 1);
                    } catch (IOException | UnsupportedOperationException ignored) {
                        // unreadable link: taken as the name it has
                    }
                }
                return real(parent, links).resolve(abs.getFileName());
            }
        }
    }
}
