package dev.handoff.cli;

import dev.handoff.config.Target;
import dev.handoff.error.HandoffException;
import dev.handoff.files.OutputPaths;
import dev.handoff.sync.DiffOperation;
import dev.handoff.sync.LocalDiff;
import dev.handoff.sync.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

@Command(name = "diff", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Semantic diff of the local YAML against the remote: what a push would change.",
                "",
                "List items are matched by id, then name or title, never by position. Each change is shown with "
                        + "its field path, like the one below, and long texts with the changed words ([-old-]{+new+}).",
                "  custom_guidelines[name=Refund requests].description",
                "Read-only and server-assigned fields are not changes. Secrets are compared with the value of their "
                        + "variable and shown only as 'secret changed' or 'secret unchanged'.",
                "",
                "With two files (OLD NEW) it compares them offline, without a target or token: the way to review "
                        + "a caty file, which has no API, or two versions of any configuration.",
                "",
                "Exit 0: no changes; 1: changes."},
        footerHeading = "%nExamples:%n",
        footer = {"  handoff diff",
                "  handoff diff --target sales -o json   # JSON Patch (remote -> local), summary",
                "  # diff exits 1 when there are changes, so the push follows with ';', not '&&'",
                "  handoff diff --out plan.json; handoff push --plan plan.json --yes",
                "  # two versions of a file, offline: the last commit's and the working copy",
                "  git show HEAD:guidelines/caty-support.yaml > /tmp/caty-support.yaml",
                "  handoff diff /tmp/caty-support.yaml guidelines/caty-support.yaml"})
final class DiffCommand extends RemoteCommand {

    @Mixin
    OutputMixin output;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Also save a plan (local and remote hashes, and the patch) for 'push --plan'.")
    Path planFile;

    @Parameters(paramLabel = "OLD NEW", arity = "0..2",
            description = "Compare these two local files instead of the target's file and its remote.")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() {
        if (files.size() > 2) {
            // picocli hands every extra argument to the list: without this, diff would ignore them all and ask the remote
            throw HandoffException.usage("diff takes two files (OLD NEW), or none to compare the target with its remote; got "
                    + files.size(), "name two files, e.g. handoff diff " + files.get(0) + " " + files.get(1));
        }
        if (files.size() == 1) {
            throw HandoffException.usage("diff takes two files (OLD NEW), or none to compare the target with its remote",
                    "add the second file, e.g. handoff diff " + files.get(0) + " guidelines/x.yaml");
        }
        if (files.size() == 2) {
            if (planFile != null) {
                throw HandoffException.usage("--out saves a plan for push, which needs a remote; two local files have none",
                        "leave out --out, or compare the target with its remote");
            }
            return LocalDiff.run(context().workDir(), files.get(0), files.get(1), output.json(), color(),
                    output.json() ? data() : out());
        }
        Path out = planFile == null ? null : OutputPaths.check("--out", planFile.toString(), context().workDir());
        Session session = session();
        if (out != null) {
            reads(session).output("--out", planFile, out).check();
        }
        return DiffOperation.run(session, output.json(), planFile);
    }

    /**
     * What the plan must not replace: the project file and every target's configuration file (the
     * one diffed holds unpushed edits; another target's is as much lost), compared by real path.
     */
    private OutputPaths.Overlaps reads(Session session) {
        OutputPaths.Overlaps reads = OutputPaths.overlaps();
        Path project = session.project().path();
        reads.input("the project file", Path.of(session.env().show(project)), project, null);
        for (Target t : session.project().targets().values()) {
            String what = t.name().equals(session.target().name()) ? "the configuration file" : "target '" + t.name() + "'s file";
            reads.input(what, Path.of(session.env().show(t.file())), t.file(), null);
        }
        return reads;
    }
}
