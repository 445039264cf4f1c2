package dev.handoff.transcript;

import dev.handoff.error.HandoffException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * The transcript files under the inputs, in a stable order: inputs as given, each folder walked
 * depth first with its entries sorted by name. Lazy: only one listing per open folder is held,
 * so a folder tree of a million files is never listed at once.
 */
final class TranscriptFiles implements Iterator<TranscriptFiles.Entry> {

    /**
     * @param shown    how messages and reports name the file (under the input as the user gave it)
     * @param explicit named on the command line (read whatever the extension) rather than found in a folder
     */
    record Entry(Path file, Path shown, boolean explicit) {
        boolean jsonl() {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
                return true;
            }
            // named without an extension that says (an export called "calls", "data.txt"): JSON lines when it starts
            // with '{', which read as YAML stopped at line 2 on "expected '<document start>'"
            // a pipe (standard input, <(zcat calls.jsonl.gz)) cannot be looked at twice: JSON lines, the streaming form
            return explicit && !name.endsWith(".yaml") && !name.endsWith(".yml")
                    && (!Files.isRegularFile(file) || startsWithBrace(file));
        }
    }

    /** Where "-" (standard input) is read from. */
    static final Path STDIN = Path.of("/dev/stdin");

    /** "-" as an input, when no file of that name exists: standard input, as for transcripts import. */
    static boolean isStdin(Path input) {
        return input.getFileName() != null && input.getFileName().toString().equals("-") && !Files.exists(input)
                && Files.exists(STDIN);
    }

    private static boolean startsWithBrace(Path file) {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4096);
            for (int i = 0; i < head.length; i++) {
                int b = head[i] & 0xff;
                if (b == 0xEF && i + 2 < head.length && (head[i + 1] & 0xff) == 0xBB && (head[i + 2] & 0xff) == 0xBF) {
                    i += 2; // a byte-order mark
                } else if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                    return b == '{';
                }
            }
            return false;
        } catch (IOException e) {
            return false; // reading it for the replay reports the problem
        }
    }

    private final Deque<Iterator<Path>> stack = new ArrayDeque<>();
    /** The real paths of the folders on {@link #stack}, same order: a link to one of them is a cycle. */
    private final Deque<Path> walking = new ArrayDeque<>();
    private final List<String> skippedLinks = new ArrayList<>();
    private final List<Path> skippedJson = new ArrayList<>();
    private final List<Path> inputs;
    private final List<Path> shownInputs;
    private int nextInput;
    private Path root;
    private Path shownRoot;
    private Entry next;

    /** @param shownInputs the inputs as the user named them, same order */
    TranscriptFiles(List<Path> inputs, List<Path> shownInputs) {
        List<Path> read = new ArrayList<>(inputs);
        for (int i = 0; i < inputs.size(); i++) {
            if (isStdin(inputs.get(i))) {
                if (dev.handoff.files.StandardInput.closed()) {
                    throw HandoffException.usage("-: standard input is closed", "pipe transcripts in (handoff replay - < calls.jsonl) or name the files");
                }
                if (Files.isDirectory(STDIN)) {
                    // "replay - < folder" opens the folder as standard input: it is no stream of transcripts
                    throw HandoffException.usage("-: standard input is a folder, not a stream of transcripts",
                            "name the folder itself: handoff replay FOLDER");
                }
                read.set(i, STDIN);
            }
        }
        inputs = read;
        for (int i = 0; i < inputs.size(); i++) {
            if (!Files.exists(inputs.get(i))) {
                throw HandoffException.usage(shownInputs.get(i) + ": no such file or folder", "pass transcript files (.yaml, .jsonl) or folders holding them");
            }
        }
        this.inputs = inputs;
        this.shownInputs = shownInputs;
    }

    /** True for files a folder walk replays: YAML (not evaluation settings) and JSONL (or NDJSON), not hidden. */
    static boolean isTranscriptFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.startsWith(".") || name.endsWith(".eval.yaml") || name.endsWith(".eval.yml")) {
            return false;
        }
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".jsonl") || name.endsWith(".ndjson");
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            if (!stack.isEmpty()) {
                Iterator<Path> top = stack.peek();
                if (!top.hasNext()) {
                    stack.pop();
                    walking.pop();
                    continue;
                }
                Path p = top.next();
                if (p.getFileName().toString().startsWith(".")) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    Path real = realPath(p);
                    if (walking.contains(real)) {
                        // a link back up the tree (ln -s .. loop) would be followed until the path is too long
                        Path shown = shownRoot.resolve(root.relativize(p).toString());
                        skippedLinks.add(shown + " (a link back to a folder that is being read: " + shownOf(real) + ")");
                        continue;
                    }
                    stack.push(list(p));
                    walking.push(real);
                } else if (Files.isRegularFile(p) && isTranscriptFile(p)) {
                    next = new Entry(p, shownRoot.resolve(root.relativize(p).toString()), false);
                } else if (Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")
                        && looksLikeTranscript(p)) {
                    // read when named, not in a walk (reports are .json too); never dropped silently
                    skippedJson.add(shownRoot.resolve(root.relativize(p).toString()));
                } else if (Files.isSymbolicLink(p) && !Files.exists(p)) {
                    // neither file nor folder: a transcript whose target was moved would be missing without a word
                    skippedLinks.add(shownRoot.resolve(root.relativize(p).toString()) + " (a link to " + linkTarget(p) + ", which does not exist)");
                }
            } else if (nextInput < inputs.size()) {
                Path p = inputs.get(nextInput);
                root = p;
                shownRoot = shownInputs.get(nextInput);
                nextInput++;
                if (Files.isDirectory(p)) {
                    stack.push(list(p));
                    walking.push(realPath(p));
                } else {
                    next = new Entry(p, shownRoot, true);
                }
            } else {
                return false;
            }
        }
        return true;
    }

    @Override
    public Entry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Entry e = next;
        next = null;
        return e;
    }

    /** A .json file that starts like a transcript (its first 4 KB name "messages"), not like a report or anything else. */
    private static boolean looksLikeTranscript(Path file) {
        try (java.io.Reader r = Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
            char[] head = new char[4096];
            int n = r.read(head);
            String s = n <= 0 ? "" : new String(head, 0, n);
            return s.contains("\"messages\"") && !s.contains("\"schema_version\"");
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }

    /** .json transcripts found in folders (not read: they may be reports as well as transcripts), as shown, in order. */
    List<Path> skippedJson() {
        return List.copyOf(skippedJson);
    }

    /** Links skipped because they lead back to a folder being read or to nothing, as notes for the report, in order. */
    List<String> skippedLinks() {
        return List.copyOf(skippedLinks);
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "a target that cannot be read";
        }
    }

        private static Path realPath(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return dir.toAbsolutePath().normalize();
        }
    }

    /** A folder being read, named as the user would see it (under the current input) when it is there. */
    private String shownOf(Path real) {
        Path rootReal = realPath(root);
        return real.startsWith(rootReal) ? shownRoot.resolve(rootReal.relativize(real).toString()).toString() : real.toString();
    }

    private static Iterator<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList().iterator();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
