package dev.handoff.cli;

import dev.handoff.sync.Session;
import dev.handoff.sync.SyncEnvironment;
import dev.handoff.sync.TargetChoice;
import picocli.CommandLine.Mixin;

import java.time.Clock;

/** What fetch, diff, push and restore share: the target options, the timeouts, and the session they open. */
abstract class RemoteCommand extends BaseCommand {

    @Mixin
    TargetMixin targetOptions;

    @Mixin
    HttpOptions httpOptions;

    Session session() {
        CliContext ctx = context();
        SyncEnvironment env = new SyncEnvironment(ctx.env(), ctx.dirs(), ctx.workDir(), ctx.in(), ctx.terminalInput(), color(),
                out(), data(), err(), httpOptions.settings(verbose(), err()), Clock.systemUTC(),
                new VersionProvider().getVersion()[0].replace(' ', '/'), root().redactor());
        return Session.open(new TargetChoice(targetOptions.target, targetOptions.project, targetOptions.apiUrl,
                targetOptions.tokenEnv), env);
    }
}
