package dev.handoff.cli;

import dev.handoff.config.ProjectFile;
import dev.handoff.config.Target;
import dev.handoff.config.validate.Acceptances;
import dev.handoff.config.validate.ConfigValidator;
import dev.handoff.config.validate.FileSet;
import dev.handoff.config.validate.ReportWriter;
import dev.handoff.config.validate.ValidationReport;
import dev.handoff.error.HandoffException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Check configuration files offline against every documented rule.",
                "",
                "The rules of each provider's API are one table (docs/validation-rules.md), each with the "
                        + "sentence of the vendor's documentation it comes from. Quickchat: every documented field is "
                        + "required (PUT sends the whole document back), null is refused ('key:' with nothing after it is "
                        + "null too; write '' for an empty text), documented limits (names 100, descriptions 2000, "
                        + "confirmation messages 500 characters), HH:MM times, lower-case day spans, IANA time zones, the "
                        + "five generic guidelines. Plugit: category titles, webhook URLs. Caty: trigger types, "
                        + "failed-attempt counts, hours by weekday in a place time zone, notification addresses.",
                "Beyond the API: duplicate names and ids, overlapping slots, webhook header values that must be "
                        + "$${env:NAME} placeholders. Warnings: what the server accepts but is likely a mistake (EST "
                        + "instead of a place, an undocumented length), unknown keys, risky keywords, unused guidelines. "
                        + "push also refuses an id the remote does not know. An evaluation settings file (NAME.eval.yaml) "
                        + "is checked when named; directories and quoted globs skip it.",
                ""},
        footerHeading = "%nExamples:%n",
        footer = {"  handoff validate guidelines/quickchat-support.yaml   # one file",
                "  handoff validate guidelines/              # every *.yaml in the folder",
                "  handoff validate                          # every target file of handoff.yaml",
                "  # warnings fail too, except accepted_warnings in handoff.yaml",
                "  handoff validate --strict guidelines/",
                "  handoff validate -o json guidelines/plugit-sales.yaml | jq '.files[].findings'"})
final class ValidateCommand extends BaseCommand {

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "Configuration files, folders or quoted globs (default: the files of every target in handoff.yaml).")
    List<String> files = new ArrayList<>();

    @Option(names = "--strict", description = "Treat warnings as errors (exit 1 when there is any finding). "
            + "Warnings listed under accepted_warnings in handoff.yaml do not count; an entry that matches none is "
            + "itself a warning.")
    boolean strict;

    @Mixin
    OutputMixin output;

    @Override
    public Integer call() {
        Path workDir = context().workDir();
        if (files.stream().anyMatch(String::isBlank)) {
            // Path.of("") is the work folder: 'validate "$CONFIG"' with CONFIG unset checked every file there instead
            throw HandoffException.usage("an empty FILE argument (an unset variable?)",
                    "name a file, a folder or a pattern; with no FILE at all, validate checks the files handoff.yaml names");
        }
        ProjectFile project = project(workDir);
        FileSet set = FileSet.expand(workDir, files.isEmpty() ? projectFiles(workDir, project) : files);
        set.notes().forEach(note -> err().println("handoff: note: " + note));
        if (set.files().isEmpty()) {
            throw HandoffException.usage("no configuration file to check in " + String.join(", ", files),
                    "a folder stands for the *.yaml and *.yml files directly in it; name the files instead");
        }
        List<ValidationReport> reports = new ArrayList<>();
        List<ReportWriter.Unreadable> unreadable = new ArrayList<>();
        for (FileSet.Entry entry : set.files()) {
            try {
                reports.add(ConfigValidator.validate(entry.file(), entry.shownAs(), targetsOf(project, entry.file())));
            } catch (HandoffException e) {
                unreadable.add(new ReportWriter.Unreadable(entry.shownAs(), e.getMessage(), e.hint()));
                err().println("handoff: " + e.getMessage());
                if (e.hint() != null) {
                    err().println("  " + e.hint());
                }
                if (verbose()) {
                    ErrorHandler.printStackTrace(err(), e);
                }
            }
        }
        reports = accept(workDir, set, reports, unreadable);
        err().flush();
        if (output.json()) {
            data().print(ReportWriter.json(reports, unreadable, strict));
            data().flush();
        } else {
            out().print(ReportWriter.text(reports, unreadable, color(), strict));
            out().flush();
        }
        if (!unreadable.isEmpty()) {
            return ExitCode.USAGE;
        }
        boolean failed = reports.stream().anyMatch(r -> r.hasErrors() || (strict && !r.findings().isEmpty()));
        return failed ? ExitCode.CHECK_FAILED : ExitCode.OK;
    }

    /**
     * Applies handoff.yaml's accepted_warnings when a project file is found (walking up from the
     * work folder, as the other commands do); its paths are relative to its own folder.
     */
    private List<ValidationReport> accept(Path workDir, FileSet set, List<ValidationReport> reports,
                                          List<ReportWriter.Unreadable> unreadable) {
        Path project = ProjectFile.locate(workDir);
        if (project == null) {
            return reports;
        }
        Path shown = dev.handoff.files.ShownPath.of(workDir, project);
        Acceptances acceptances = Acceptances.load(project, shown);
        if (acceptances.isEmpty()) {
            return reports;
        }
        Set<Path> unread = new HashSet<>();
        unreadable.forEach(u -> unread.add(u.file()));
        List<Path> absolute = new ArrayList<>();
        for (FileSet.Entry entry : set.files()) {
            if (!unread.contains(entry.shownAs())) {
                absolute.add(workDir.resolve(entry.file()).toAbsolutePath().normalize());
            }
        }
        return acceptances.apply(reports, absolute).reports();
    }

    /**
     * The project file, to check each target's file against the target's provider: required when no FILE
     * is named; else only when it reads (its secrets and typos are reported with the accepted warnings).
     */
    private ProjectFile project(Path workDir) {
        Path project = ProjectFile.locate(workDir);
        if (project == null) {
            if (files.isEmpty()) {
                throw HandoffException.usage("no FILE given and no " + ProjectFile.FILE_NAME + " in " + workDir + " or above",
                        "name the files to check, e.g. handoff validate guidelines/*.yaml");
            }
            return null;
        }
        if (files.isEmpty()) {
            return ProjectFile.load(project, dev.handoff.files.ShownPath.of(workDir, project));
        }
        try {
            return ProjectFile.load(project, dev.handoff.files.ShownPath.of(workDir, project));
        } catch (HandoffException e) {
            return null;
        }
    }

    /** The targets of handoff.yaml whose file this is. */
    private static List<Target> targetsOf(ProjectFile project, Path file) {
        if (project == null) {
            return List.of();
        }
        Path absolute = file.toAbsolutePath().normalize();
        return project.targets().values().stream().filter(t -> t.file().toAbsolutePath().normalize().equals(absolute))
                .sorted(java.util.Comparator.comparing(Target::name)).toList();
    }

    private static List<String> projectFiles(Path workDir, ProjectFile project) {
        List<String> paths = new ArrayList<>();
        for (Target t : project.targets().values()) {
            Path file = t.file();
            paths.add(file.startsWith(workDir) ? workDir.relativize(file).toString() : file.toString());
        }
        return paths.stream().sorted().toList();
    }
}
