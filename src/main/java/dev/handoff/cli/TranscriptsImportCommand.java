package dev.handoff.cli;

import dev.handoff.files.OutputPaths;
import dev.handoff.error.HandoffException;
import dev.handoff.eval.ReplayJob;
import dev.handoff.files.AtomicFiles;
import dev.handoff.transcript.CriterionNames;
import dev.handoff.transcript.importer.ImportFormat;
import dev.handoff.transcript.importer.ImportInput;
import dev.handoff.transcript.importer.ImportRequest;
import dev.handoff.transcript.importer.ImportSummary;
import dev.handoff.transcript.importer.LabelMapping;
import dev.handoff.transcript.importer.ProgressListener;
import dev.handoff.transcript.importer.TranscriptImporter;
import dev.handoff.transcript.importer.UnmappedPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Turn labelled exports into transcript JSONL (one transcript a line) that 'handoff replay' "
                        + "reads.",
                "",
                "csv: each row becomes a transcript with one user message; with --conversation-column, rows are "
                        + "grouped into multi-turn transcripts. A label mapped by --map expects a handoff for the mapped "
                        + "criteria; any other label expects none (see --unmapped). The original label, file and line go "
                        + "into each transcript's meta.",
                "clinc: CLINC150 JSON ({split: [[text, intent], ...]}); --map maps intents.",
                "uss: User Satisfaction Simulation dialogues (ROLE<TAB>text<TAB>action<TAB>ratings, a blank line "
                        + "between dialogues); the first user turn rated at most --max-rating expects user_frustration "
                        + "from that turn.",
                "",
                "Input is streamed: memory stays small whatever the file size. On a terminal, progress goes to "
                        + "stderr.",
                ""},
        footerHeading = "%nExamples:%n",
        footer = {
                "  handoff transcripts import --text-column sentence --label-column label \\",
                "      --map CHAT_WITH_AGENT=asks_for_human,CRITICISM=user_frustration \\",
                "      --out hint3.jsonl train.csv",
                "  handoff transcripts import --conversation-column chat_id \\",
                "      --role-column sender --order-column ts --text-column message \\",
                "      --label-column tag --map wants_human=asks_for_human chats.csv",
                "  handoff transcripts import --format clinc --split val,oos_val \\",
                "      --map oos=lack_of_knowledge data_full.json",
                "  handoff transcripts import --format uss --max-rating 2 --out uss.jsonl SGD.txt"})
final class TranscriptsImportCommand extends BaseCommand {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Export files to import ('-' reads stdin).")
    List<String> files = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv", completionCandidates = FormatNames.class,
            description = "Input layout: csv, clinc or uss (default: csv).")
    ImportFormat format = ImportFormat.CSV;

    @Option(names = "--text-column", paramLabel = "C", description = "csv: the column holding the message text (header name or 1-based number).")
    String textColumn;

    @Option(names = "--label-column", paramLabel = "L", description = "csv: the column holding the label; without it transcripts are unlabelled.")
    String labelColumn;

    @Option(names = "--map", paramLabel = "LABEL=CRITERION", split = ",",
            description = "Labels that expect a handoff, and for which criterion. Repeat a label to list several criteria; LABEL=- marks a known negative.")
    List<String> map = new ArrayList<>();

    @Option(names = "--conversation-column", paramLabel = "ID", description = "csv: group rows with the same value into one multi-turn transcript (rows of a conversation must be together).")
    String conversationColumn;

    @Option(names = "--role-column", paramLabel = "R", description = "csv: user / assistant / operator / system (also customer, bot, agent); default: every row is a user message.")
    String roleColumn;

    @Option(names = "--order-column", paramLabel = "O", description = "csv: sort a conversation's rows by this column (numbers as numbers, else as text, e.g. ISO timestamps).")
    String orderColumn;

    @Option(names = "--id-column", paramLabel = "C", description = "csv: take ids from this column (after --id-prefix) instead of the row number.")
    String idColumn;

    @Option(names = "--meta-column", paramLabel = "C", split = ",", description = "csv: copy these columns into each transcript's meta (e.g. tags); not columns named like import's own keys (source, file, line, label).")
    List<String> metaColumns = new ArrayList<>();

    @Option(names = "--delimiter", paramLabel = "D", description = "csv: field separator: one character, or 'tab' (default: tab for .tsv files, else ',').")
    String delimiter;

    @Option(names = "--no-header", description = "csv: the first row is data; name columns by number.")
    boolean noHeader;

    @Option(names = "--default-label", paramLabel = "L", description = "Label for rows whose label cell is empty (default: such rows are unlabelled).")
    String defaultLabel;

    @Option(names = "--unmapped", paramLabel = "POLICY", defaultValue = "negative", completionCandidates = PolicyNames.class,
            description = "Labels not in --map: negative (expect no handoff), skip (leave the row out) or error (default: ${DEFAULT-VALUE}).")
    UnmappedPolicy unmapped = UnmappedPolicy.NEGATIVE;

    @Option(names = "--skip-label", paramLabel = "L", split = ",",
            description = "Leave out rows with these labels, e.g. a label that mixes requests and non-requests.")
    List<String> skipLabels = new ArrayList<>();

    @Option(names = "--split", paramLabel = "NAME", split = ",", description = "clinc: the splits to import (default: all), e.g. train,val,oos_train,oos_val.")
    List<String> splits = new ArrayList<>();

    @Option(names = "--max-rating", paramLabel = "R", description = "uss: a user turn whose mean rating is at most R is the frustration turn (default: 2).")
    Double maxRating;

    @Option(names = "--criterion", paramLabel = "NAME", description = "uss: the criterion expected at the frustration turn (default: user_frustration).")
    String criterion;

    @Option(names = "--source", paramLabel = "NAME", description = "meta.source of every transcript (default: the file name without extension).")
    String source;

    @Option(names = "--id-prefix", paramLabel = "P", description = "Put before every id (default: '<source>-').")
    String idPrefix;

    @Option(names = "--config", paramLabel = "FILE", description = "Check that every criterion named by --map or --criterion is one replay scores for this configuration (with its evaluation settings).")
    Path config;

    @Option(names = "--out", paramLabel = "FILE", description = "Write here (replaced atomically, only when the import succeeds) instead of stdout ('-').")
    Path out;

    @Option(names = "--limit", paramLabel = "N", description = "Stop after N transcripts, N >= 1 (default: no limit).")
    Long limit;

    @Option(names = "--sample-every", paramLabel = "N", defaultValue = "1", description = "Keep every N-th transcript (1st, N+1-th, ...), for a smaller sample.")
    int sampleEvery = 1;

    @Override
    public Integer call() throws IOException {
        if (out != null && out.toString().equals("-")) {
            out = null; // "-" is stdout, where the transcripts go without --out
        }
        Path outFile = out == null ? null : OutputPaths.check("--out", out.toString(), context().workDir());
        OutputPaths.Overlaps reads = OutputPaths.overlaps().output("--out", out, outFile);
        for (String f : files) {
            if (!f.equals("-")) {
                reads.input("", Path.of(f), resolve(Path.of(f)), null);
            }
        }
        reads.input("--config", config, config == null ? null : resolve(config), null).check();
        ImportRequest request = request().checked();
        if (config != null) {
            checkCriteria(request);
        }
        // with stdout as the destination the transcripts themselves scroll by; a status line would garble them
        Progress progress = new Progress(progressErr(), out != null && context().interactive(), TranscriptImporter.recordNoun(request));
        ImportSummary summary;
        if (out == null) {
            PrintWriter stdout = data(); // the transcripts, one JSON line each
            try {
                summary = TranscriptImporter.run(request, new StopOnFailedWrite(stdout), progress);
            } catch (StopOnFailedWrite.Failed e) {
                // the reader went away (| head) or the disk is full: nothing more is read, and no
                // summary claims success; Main says the output could not be written
                progress.clear();
                return ExitCode.USAGE;
            }
            progress.clear();
            if (stdout.checkError()) {
                return ExitCode.USAGE;
            }
            refuseNothing(summary, request, null); // nothing went out: no transcript was written
            err().println(summary.describe(TranscriptImporter.recordNoun(request), null));
        } else {
            ImportSummary[] result = new ImportSummary[1];
            AtomicFiles.writeStreaming(outFile, stream -> {
                Writer writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
                result[0] = TranscriptImporter.run(request, writer, progress);
                writer.flush();
                // thrown before the rename: the temporary file goes, the last good import stays
                refuseNothing(result[0], request, out.toString());
            });
            summary = result[0];
            progress.clear();
            out().println(summary.describe(TranscriptImporter.recordNoun(request), out.toString()));
        }
        return ExitCode.OK;
    }

    /**
     * An import of no transcript is an error, not a success: an empty file is one replay refuses,
     * and a mistyped --skip-label or the wrong column would replace the last good import with it.
     *
     * @param outFile the --out file as given, or null for stdout
     */
    private void refuseNothing(ImportSummary summary, ImportRequest request, String outFile) {
        if (summary.written() > 0) {
            return;
        }
        String inputs = String.join(", ", request.inputs().stream().map(i -> i.displayPath().toString()).toList());
        String hint = summary.nothingHint(skipLabels);
        if (outFile != null) {
            hint = (hint == null ? "" : hint + "; ") + outFile + " is left as it was";
        }
        throw HandoffException.usage(summary.describeNothing(TranscriptImporter.recordNoun(request), inputs), hint);
    }

    private ImportRequest request() {
        List<ImportInput> inputs = new ArrayList<>();
        for (String f : files) {
            if (f.equals("-") && context().in() == System.in && dev.handoff.files.StandardInput.closed()) {
                throw HandoffException.usage("-: standard input is closed", "pipe the export in (handoff transcripts import - < export.csv) or name the file");
            }
            inputs.add(f.equals("-") ? ImportInput.stdin(context().in()) : ImportInput.of(resolve(Path.of(f)), Path.of(f)));
        }
        ImportRequest.CsvLayout layout = new ImportRequest.CsvLayout(textColumn, labelColumn, conversationColumn, roleColumn,
                orderColumn, idColumn, List.copyOf(metaColumns), delimiterChar(), !noHeader);
        ImportRequest.LabelRules labels = new ImportRequest.LabelRules(LabelMapping.parse(map), defaultLabel, unmapped,
                List.copyOf(skipLabels));
        ImportRequest.UssRules uss = new ImportRequest.UssRules(
                maxRating != null ? maxRating : ImportRequest.UssRules.DEFAULT.maxRating(),
                criterion != null ? criterion : ImportRequest.UssRules.DEFAULT.criterion());
        if (format != ImportFormat.CSV && (delimiter != null || noHeader)) {
            throw HandoffException.usage("--format " + format.id() + " does not use --delimiter or --no-header", "leave them out");
        }
        if (limit != null && limit < 1) {
            // 0 read as "no limit" while --sample-every 0 is refused: one rule for both, and no limit is no --limit
            throw HandoffException.usage("--limit must be 1 or more, not " + limit, "leave --limit out to import everything");
        }
        return new ImportRequest(format, inputs, layout, labels, source, idPrefix, List.copyOf(splits), uss,
                limit == null ? 0 : limit, sampleEvery);
    }

    private char delimiterChar() {
        if (delimiter == null) {
            boolean tsv = files.stream().anyMatch(f -> f.toLowerCase(Locale.ROOT).endsWith(".tsv"));
            return tsv ? '\t' : ',';
        }
        String d = delimiter.equals("\\t") || delimiter.equalsIgnoreCase("tab") ? "\t" : delimiter;
        if (d.length() != 1) {
            throw HandoffException.usage("--delimiter '" + delimiter + "': expected one character or 'tab'", "for example --delimiter ';'");
        }
        return d.charAt(0);
    }

    private void checkCriteria(ImportRequest request) {
        List<String> named = new ArrayList<>(request.labels().mapping().criteria());
        if (request.format() == ImportFormat.USS) {
            named.add(request.uss().criterion());
        }
        // replay's own list: a criterion the evaluation settings add (failed_attempts) is scored, so it is known
        List<String> known = ReplayJob.criterionNames(resolve(config));
        CriterionNames configured = CriterionNames.of(known);
        for (String c : named) {
            // replay matches a label after NFC normalisation, so a name that only looks different is known
            if (configured.configured(c) == null) {
                throw HandoffException.usage("criterion '" + c + "' is not in " + config,
                        "criteria replay scores for it: " + String.join(", ", known));
            }
        }
    }

    private Path resolve(Path p) {
        return p.isAbsolute() ? p : context().workDir().resolve(p);
    }

    /** Lower-case names for completion scripts (values are parsed ignoring case). */
    static final class FormatNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(ImportFormat.values()).map(ImportFormat::id).iterator();
        }
    }

    static final class PolicyNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(UnmappedPolicy.values()).map(v -> v.name().toLowerCase(Locale.ROOT)).iterator();
        }
    }

    /**
     * Stdout for the transcripts. A PrintWriter never throws: it only remembers that a write
     * failed. Asking after every 8 KB (about what its encoder holds before it writes) stops the
     * import at the first failed write instead of reading the rest of the input for nobody.
     */
    private static final class StopOnFailedWrite extends Writer {
        private static final int CHECK_EVERY = 8192;

        /** The output cannot be written; carries no message: Main reports the failed write. */
        static final class Failed extends RuntimeException {
            Failed() {
                super(null, null, false, false);
            }
        }

        private final PrintWriter out;
        private int sinceCheck;

        StopOnFailedWrite(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void write(char[] buf, int off, int len) {
            out.write(buf, off, len);
            written(len);
        }

        @Override
        public void write(String s, int off, int len) {
            out.write(s, off, len);
            written(len);
        }

        private void written(int len) {
            sinceCheck += len;
            if (sinceCheck >= CHECK_EVERY) {
                sinceCheck = 0;
                check();
            }
        }

        @Override
        public void flush() {
            check();
        }

        @Override
        public void close() {
            flush();
        }

        /** checkError() also flushes, which is why it is asked every few KB and not after every line. */
        private void check() {
            if (out.checkError()) {
                throw new Failed();
            }
        }
    }

    /** Import progress on the shared status line; silent unless enabled (a terminal and --out). */
    private static final class Progress implements ProgressListener {
        private final PrintWriter err;
        private final StatusLine line;
        private final String noun;

        Progress(PrintWriter err, boolean enabled, String noun) {
            this.err = err;
            this.line = enabled ? new StatusLine(err) : null;
            this.noun = noun;
        }

        @Override
        public void warning(String message) {
            clear();
            err.println("handoff: warning: " + message);
            err.flush();
        }

        @Override
        public void progress(long records, long written) {
            if (line != null) {
                line.show(() -> String.format(Locale.ROOT, "importing: %,d %s read, %,d transcripts written", records, noun, written));
            }
        }

        void clear() {
            if (line != null) {
                line.clear();
            }
        }
    }
}
