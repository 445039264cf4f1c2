package dev.handoff.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A throw-away project for replay command tests: handoff.yaml, guidelines/support.yaml and transcripts/. */
final class ReplayProject {

    final Path dir;

    ReplayProject(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir.resolve("guidelines"));
            Files.copy(resource("replay/scoring/support.yaml"), dir.resolve("guidelines/support.yaml"));
            copyTree(resource("replay/scoring/transcripts"), dir.resolve("transcripts"));
            Files.writeString(dir.resolve("handoff.yaml"), """
                    default_target: support
                    targets:
                      support:
                        provider: quickchat
                        url: https://app.quickchat.ai
                        file: guidelines/support.yaml
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path path(String relative) {
        return dir.resolve(relative);
    }

    void write(String relative, String content) {
        try {
            Files.createDirectories(path(relative).getParent());
            Files.writeString(path(relative), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path resource(String name) {
        try {
            return Path.of(ReplayProject.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
