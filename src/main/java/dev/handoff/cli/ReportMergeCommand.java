package dev.handoff.cli;

import dev.handoff.files.OutputPaths;
import dev.handoff.eval.Gate;
import dev.handoff.eval.OutcomeSpool;
import dev.handoff.eval.ReportMerger;
import dev.handoff.eval.ReportOutputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

@Command(name = "merge", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Join the JSON reports of the shards of one replay into one report.",
                "",
                "Each shard report comes from 'handoff replay --shard I/N -o json'. Metrics are recomputed from the "
                        + "per-transcript outcomes, so the result is the report an unsharded run would give. The gate "
                        + "options work as in 'replay'; the limits the shards ran with (evaluation settings and flags "
                        + "such as --max-fp-rate and --max-invalid) apply again unless a flag here overrides them. "
                        + "Shards must come from one run: the same configuration, classifier, inputs and limits.",
                ""},
        footerHeading = "%nExamples:%n",
        footer = {
                "  handoff report merge shard-1.json shard-2.json shard-3.json",
                "  handoff report merge shard-*.json --baseline baseline.json --junit replay.xml"})
final class ReportMergeCommand extends BaseCommand {

    @Parameters(paramLabel = "REPORT", arity = "1..*", description = "The JSON report of every shard.")
    List<Path> reports;

    @Mixin
    OutputMixin output;

    @Mixin
    ReportOptionsMixin report;

    @Override
    public Integer call() {
        Gate gate = report.gate();
        List<Path> files = reports.stream().map(p -> context().workDir().resolve(p).normalize()).toList();
        OutputPaths.Overlaps reads = OutputPaths.overlaps();
        for (int i = 0; i < reports.size(); i++) {
            reads.input("", reports.get(i), files.get(i), null);
        }
        ReportOutputs outputs = report.outputs(this, output.json(), reads, null);
        OutcomeSpool spool = outputs.needsOutcomes() ? OutcomeSpool.create() : null;
        try {
            ReportMerger.Merged merged = ReportMerger.merge(files,
                    files.stream().map(f -> ReplayCommand.display(context().workDir(), f)).toList(), spool, gate);
            ReplayCommand.requireTranscripts(merged.summary(), merged.summary().context().run().inputs());
            Gate.Result result = outputs.finish(data(), err(), merged.summary(), spool, merged.gate(gate));
            return result.passed() ? ExitCode.OK : ExitCode.CHECK_FAILED;
        } finally {
            if (spool != null) {
                spool.close();
            }
        }
    }
}
