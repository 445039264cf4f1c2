package dev.handoff.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.error.HandoffException;
import dev.handoff.queue.stats.NotificationCounts;
import dev.handoff.queue.stats.QueueStats;
import dev.handoff.queue.stats.StatsJob;
import dev.handoff.queue.stats.StatsJson;
import dev.handoff.queue.store.InboxStore;
import dev.handoff.queue.store.Outbox;
import dev.handoff.tui.StatsText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

@Command(name = "stats", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Why handoffs happen and how fast the team answers, from the inbox's history.",
                "",
                "Reads the inbox database (also while 'inbox serve' runs) and counts the handoffs received in a "
                        + "window: by reason (the criterion or words the bot gave: what to teach the bot so it hands off "
                        + "less), by agent, by hour of day and weekday; time to claim and to resolve (p50, p90, max); how "
                        + "many were resolved without anyone claiming them; late deliveries. Text with small charts, or -o "
                        + "json. With 'inbox serve --notify', also the team's notifications by channel: sent, waiting, "
                        + "failed.",
                ""},
        footerHeading = "%nExamples:%n",
        footer = {
                "  handoff inbox stats",
                "  handoff inbox stats --since 30d --zone Europe/Berlin",
                "  handoff inbox stats --db /var/lib/handoff/inbox.db -o json > stats.json",
                "  PGPASSWORD=... handoff inbox stats --db postgres://inbox@db1:5432/handoff"})
final class InboxStatsCommand extends BaseCommand {

    /** Further back than any inbox has run; beyond it dates turn meaningless (a window starting in 712 BC). */
    static final Duration MAX_SINCE = Duration.ofDays(36_500);

    @Mixin
    InboxDbMixin database;

    @Option(names = "--since", paramLabel = "DURATION", defaultValue = "7d", converter = DurationConverter.class,
            description = "Count handoffs received this long ago or later: 24h, 7d, 30d, up to 36500d (default: ${DEFAULT-VALUE}); 0 for all.")
    Duration since;

    @Option(names = "--zone", paramLabel = "ZONE",
            description = "Time zone of the hour and weekday charts (default: this machine's, e.g. Europe/Berlin).")
    String zone;

    @Option(names = "--ascii", description = "Draw bars and the sparkline with plain ASCII characters.")
    boolean ascii;

    @Mixin
    OutputMixin output;

    @Override
    public Integer call() {
        ZoneId zoneId;
        try {
            zoneId = zone == null ? ZoneId.systemDefault() : ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw HandoffException.usage("--zone " + zone + ": not a time zone", "use an IANA name such as Europe/Berlin");
        }
        if (since.compareTo(MAX_SINCE) > 0) {
            throw HandoffException.usage("--since: at most 36500d (100 years) back; 0 counts everything",
                    "for example --since 30d, or --since 0 for all handoffs");
        }
        Instant now = Clock.systemUTC().instant();
        Instant from = since.isZero() ? null : now.minus(since);
        StatsJob.Result result;
        Map<String, Map<Outbox.State, Long>> notifications;
        try (InboxStore store = database.openForReading(context(), this::secretEnv)) {
            result = StatsJob.compute(store, from, now, zoneId);
            notifications = store.outbox().counts();
        }
        QueueStats stats = result.stats();
        warnSkipped(result.skipped());
        if (output.json()) {
            ObjectNode json = StatsJson.render(stats);
            StatsJson.skipped(json, result.skipped());
            json.set("notifications", NotificationCounts.json(notifications));
            data().println(json.toPrettyString());
            data().flush();
        } else {
            out().print(StatsText.render(stats, ascii));
            out().print(StatsText.notifications(notifications));
        }
        out().flush();
        return ExitCode.OK;
    }

    /**
     * A damaged change-log row (a disk error, a hand edit) leaves the report standing: the user
     * still gets the figures, and learns which rows of which database they leave out.
     */
    private void warnSkipped(StatsJob.Skipped skipped) {
        if (!skipped.any()) {
            return;
        }
        String rows = skipped.seqs().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))
                + (skipped.count() > skipped.seqs().size() ? ", ..." : "");
        err().println("handoff: warning: " + database.shown(context()) + ": " + skipped.count() + " change-log "
                + (skipped.count() == 1 ? "row" : "rows") + " skipped, not counted (table changes, seq " + rows + ")"
                + (skipped.count() == 1 ? ": " : "; seq " + skipped.seqs().get(0) + ": ") + skipped.firstProblem());
        err().println("  the database was damaged or edited by hand; the figures leave "
                + (skipped.count() == 1 ? "that row" : "those rows") + " out (-o json: skipped_changes)");
        err().flush();
    }
}
