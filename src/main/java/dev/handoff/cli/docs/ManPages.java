package dev.handoff.cli.docs;

import dev.handoff.cli.Cli;
import dev.handoff.cli.CliContext;
import dev.handoff.files.AtomicFiles;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.Path;

/**
 * Build-time only (picocli-codegen is a provided dependency): writes one AsciiDoc man page per
 * command, {@code handoff.adoc}, {@code handoff-validate.adoc}, ..., from the live command model
 * (with the exit codes the CLI adds). Run by the build at package time into {@code target/man};
 * {@code asciidoctor -b manpage} turns them into troff.
 */
public final class ManPages {

    private ManPages() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/man");
        CommandLine cl = Cli.create(CliContext.system(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        // the version provider reads the jar's manifest, which the build has not written yet:
        // without this the pages' :revnumber: is empty
        String version = args.length > 1 ? args[1] : "dev";
        setVersion(cl, "handoff " + version);
        // quiet: it runs inside every package build
        write(dir, cl);
    }

    private static void setVersion(CommandLine cl, String version) {
        cl.getCommandSpec().versionProvider(null);
        cl.getCommandSpec().version(version);
        cl.getSubcommands().values().forEach(sub -> setVersion(sub, version));
    }

    private static int write(Path dir, CommandLine cl) throws IOException {
        StringWriter page = new StringWriter();
        try (PrintWriter pw = new PrintWriter(page)) {
            ManPageGenerator.writeSingleManPage(pw, cl.getCommandSpec());
        }
        String name = cl.getCommandSpec().qualifiedName("-");
        AtomicFiles.write(dir.resolve(name + ".adoc"), page.toString().getBytes(StandardCharsets.UTF_8),
                PosixFilePermissions.fromString("rw-r--r--"));
        int pages = 1;
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!sub.getCommandSpec().name().equals("help")) {
                pages += write(dir, sub);
            }
        }
        return pages;
    }
}
