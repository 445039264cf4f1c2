package dev.handoff.cli;

import dev.handoff.error.HandoffException;
import dev.handoff.tui.JsonLinesTail;
import dev.handoff.tui.LinkOpener;
import dev.handoff.tui.QueueSource;
import dev.handoff.tui.SourceSpec;
import dev.handoff.tui.Tail;
import dev.handoff.tui.TailSettings;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

@Command(name = "tail", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Watch the live handoff queue (full screen on a terminal, JSON lines otherwise).",
                "",
                "A full-screen view on a terminal (claim, release, resolve, open the WhatsApp chat), one JSON "
                        + "line per change when the output is not a terminal. Sources: "
                        + "'handoff inbox serve' (--inbox, live over its event stream) or Chatwoot (--chatwoot with "
                        + "--account, polled). Keys in the full-screen view: ? shows them all.",
                ""},
        footerHeading = "%nExamples:%n",
        footer = {
                "  export HANDOFF_INBOX_TOKEN=...",
                "  handoff tail --inbox http://127.0.0.1:8787 --operator alice",
                "  handoff tail --inbox http://127.0.0.1:8787 \\",
                "      | jq -r 'select(.handoff.status==\"pending\") | .handoff.name'",
                "  handoff tail --inbox http://127.0.0.1:8787 --once",
                "  CHATWOOT_API_TOKEN=... handoff tail --chatwoot https://app.chatwoot.com \\",
                "      --account 3 --poll 10s"})
final class TailCommand extends BaseCommand {

    static final class Source {
        @Option(names = "--inbox", paramLabel = "URL", required = true,
                description = "Base URL of 'handoff inbox serve' (token: $" + SourceSpec.INBOX_TOKEN_ENV + ").")
        String inbox;

        @Option(names = "--chatwoot", paramLabel = "URL", required = true,
                description = "Base URL of a Chatwoot installation (token: $" + SourceSpec.CHATWOOT_TOKEN_ENV + "); needs --account.")
        String chatwoot;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--account", paramLabel = "N", description = "Chatwoot account id.")
    Long account;

    @Option(names = "--token-env", paramLabel = "VAR",
            description = "Environment variable holding the token (default: HANDOFF_INBOX_TOKEN or CHATWOOT_API_TOKEN).")
    String tokenEnv;

    @Option(names = "--poll", paramLabel = "DURATION", defaultValue = "5s",
            description = "How often to poll Chatwoot (default: ${DEFAULT-VALUE}).")
    String poll;

    @Option(names = "--operator", paramLabel = "NAME",
            description = "Who claims and resolves (default: $USER).")
    String operator;

    @Option(names = "--once", description = "Print the current queue and exit (a table on a terminal, JSON lines otherwise).")
    boolean once;

    @Option(names = "--json", description = "JSON lines even on a terminal, one object a line, e.g. "
            + "{\"type\":\"change\",\"seq\":N,\"handoff\":{...}} (snapshot lines first).")
    boolean json;

    // not OutputMixin: tail has no fixed default, it follows where stdout goes
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES}. Default: text on a terminal (the full-screen view, which needs "
                    + "stdin on the terminal too; a table with --once), json (JSON lines) when stdout is not a terminal. -o text in a pipe needs --once.")
    OutputMixin.Format format;

    @Option(names = "--count", paramLabel = "N",
            description = "With JSON lines: exit after N changes, N at least 1 (default: follow until interrupted).")
    Long count;

    @Option(names = "--mask", paramLabel = "DIGITS", arity = "0..1", fallbackValue = "4",
            description = "Mask phone numbers on screen, keeping the last DIGITS digits (2-4; default 4).")
    Integer mask;

    @Option(names = "--bell", description = "Ring the terminal bell when a new Pending handoff arrives.")
    boolean bell;

    @Option(names = "--warn-after", paramLabel = "DURATION", defaultValue = "5m",
            description = "Waiting time shown in yellow from (default: ${DEFAULT-VALUE}).")
    String warnAfter;

    @Option(names = "--alert-after", paramLabel = "DURATION", defaultValue = "15m",
            description = "Waiting time shown in red from (default: ${DEFAULT-VALUE}).")
    String alertAfter;

    @Option(names = "--highlight", paramLabel = "DURATION", defaultValue = "60s",
            description = "How long a new Pending row stays highlighted unless the cursor visits it (default: ${DEFAULT-VALUE}).")
    String highlight;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Clock clock = Clock.systemUTC();
        Duration warn = duration("--warn-after", warnAfter);
        Duration alert = duration("--alert-after", alertAfter);
        if (alert.compareTo(warn) < 0) {
            throw HandoffException.usage("--alert-after (" + alertAfter + ") is shorter than --warn-after (" + warnAfter + ")",
                    "red must come after yellow, e.g. --warn-after 5m --alert-after 15m");
        }
        if (mask != null && (mask < 2 || mask > 4)) {
            throw HandoffException.usage("--mask keeps 2 to 4 digits, not " + mask, "for example --mask 3");
        }
        // 0 followed forever, which no one asking for "0 changes" means; leaving --count out does that
        if (count != null && count < 1) {
            throw HandoffException.usage("--count must be at least 1, not " + count,
                    "leave out --count to follow until interrupted");
        }
        if (json && format == OutputMixin.Format.text) {
            throw HandoffException.usage("--json and -o text contradict each other", "pass one of them");
        }
        // --once reads no keys: a terminal on stdout is enough for its table
        boolean terminal = once ? context().terminalOutput() : context().interactive();
        boolean jsonLines = format != null ? format == OutputMixin.Format.json : json || !terminal;
        if (format == null && !json && !once && !terminal && context().terminalOutput()) {
            // cron, nohup, ssh host cmd </dev/null: JSON lines on a terminal without a word looked like a fault
            err().println("handoff: stdin is not a terminal, and the full-screen view reads its keys there; following as JSON lines instead");
            err().println("  run it with the terminal as stdin for the full screen, or pass -o json for JSON lines without this note");
        }
        if (!jsonLines && !once && !context().interactive()) {
            throw HandoffException.usage("-o text without --once needs a terminal: the live view is full screen",
                    "in a pipe, add --once for a table of the queue, or leave out -o text for JSON lines");
        }
        String noFullScreen = once || jsonLines ? null : Tail.whyNoFullScreen(context().env("TERM"));
        if (noFullScreen != null) {
            err().println("handoff: " + noFullScreen);
            jsonLines = true;
        }
        // shown masked wherever the URL is (UrlRedaction); registered too, for anything that echoes them alone
        for (String url : new String[]{source.inbox, source.chatwoot}) {
            root().redactor().add(dev.handoff.config.SecretNames.urlPassword(url));
            dev.handoff.config.SecretNames.credentialParts(url).forEach(root().redactor()::add);
        }
        SourceSpec spec = new SourceSpec(source.inbox, source.chatwoot, account, tokenEnv, duration("--poll", poll));
        String who = operator != null ? operator : firstSet("USER", "LOGNAME", "USERNAME");
        if (who == null || who.isBlank()) {
            if (!jsonLines && !once) {
                throw HandoffException.usage("who is the operator? $USER is not set", "pass --operator NAME");
            }
            who = "operator";
        }
        TailSettings settings = new TailSettings(who, mask == null ? 0 : mask, bell, warn, alert,
                duration("--highlight", highlight), color(), true, ZoneId.systemDefault());

        // on the full screen, lines on a terminal's stderr would tear the view: there they need 2>FILE
        boolean fullScreen = !once && !jsonLines;
        java.util.function.Consumer<String> requestLog = verbose() && !(fullScreen && StatusLine.stderrIsTerminal()) ? line -> {
            synchronized (err()) {
                err().println(line);
                err().flush();
            }
        } : null;
        if (jsonLines) {
            // JSON lines carry the customers' words as the inbox holds them, for programs: only a whole secret is
            // masked there. The --once table cuts long cells before stdout sees them, so a token cut short there is
            // masked as a piece of a secret, as on stderr.
            root().redactor().stdoutHoldsOthersWords();
        }
        try (QueueSource queue = spec.open(this::secretEnv, clock, requestLog)) {
            if (once && jsonLines) {
                new JsonLinesTail(queue, data(), err()).once();
            } else if (once) {
                Tail.printTable(queue, settings, out(), Tail.tableWidth(context().env("COLUMNS")), clock);
            } else if (jsonLines) {
                new JsonLinesTail(queue, data(), err()).follow(count == null ? 0 : count);
            } else if (Tail.fullScreen(queue, settings, LinkOpener.system(context().env()), clock)) {
                // Ctrl-C or SIGINT, as docs/exit-codes.md says; q is 0
                return ExitCode.INTERRUPTED;
            }
        }
        return ExitCode.OK;
    }

    private String firstSet(String... names) {
        for (String n : names) {
            String v = context().env(n);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static Duration duration(String option, String value) {
        try {
            return DurationConverter.parse(value);
        } catch (IllegalArgumentException e) {
            throw HandoffException.usage(option + ": " + e.getMessage(), null);
        }
    }
}
