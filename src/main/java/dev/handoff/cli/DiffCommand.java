package dev.handoff.cli;

import dev.handoff.files.OutputPaths;
import dev.handoff.sync.DiffOperation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

@Command(name = "diff", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Semantic diff of the local YAML against the remote: what a push would change.",
                "",
                "List items are matched by id, then name or title, never by position; each change is shown with its "
                        + "path (custom_guidelines[name=Refund requests].description) and long texts with the changed "
                        + "words ([-old-]{+new+}). Read-only and server-assigned fields are not changes. Secrets are "
                        + "compared with the value of their variable and shown only as 'secret changed' or 'secret unchanged'.",
                "",
                "Exit 0: no changes; 1: changes."},
        footerHeading = "%nExamples:%n",
        footer = {"  handoff diff",
                "  handoff diff --target sales -o json    # JSON Patch (remote -> local) and a summary",
                "  handoff diff --out plan.json && handoff push --plan plan.json"})
final class DiffCommand extends RemoteCommand {

    @Mixin
    OutputMixin output;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Also save a plan (local and remote hashes, and the patch) for 'push --plan'.")
    Path planFile;

    @Override
    public Integer call() {
        if (planFile != null) {
            OutputPaths.check("--out", planFile.toString(), context().workDir());
        }
        return DiffOperation.run(session(), output.json(), planFile);
    }
}
