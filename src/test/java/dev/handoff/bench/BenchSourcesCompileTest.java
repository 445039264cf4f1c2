package dev.handoff.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmarks under bench/ are single-file Java programs run with `java`, outside the Maven
 * build; compiling them here keeps a refactoring from breaking them unnoticed.
 */
class BenchSourcesCompileTest {

    @TempDir
    Path out;

    @Test
    void everyBenchmarkSourceCompilesAgainstTheCurrentCode() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(Path.of("bench"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertThat(sources).isNotEmpty();
        var compiler = ToolProvider.getSystemJavaCompiler();
        var diagnostics = new DiagnosticCollector<JavaFileObject>();
        try (var fm = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            for (Path source : sources) {
                // each file is its own program (several declare the same helper names), so one at a time
                boolean ok = compiler.getTask(null, fm, diagnostics,
                        List.of("-d", Files.createTempDirectory(out, "bench").toString(),
                                "-cp", System.getProperty("java.class.path"), "-proc:none", "-nowarn"),
                        null, fm.getJavaFileObjects(source)).call();
                assertThat(ok).as(source + ": " + diagnostics.getDiagnostics()).isTrue();
            }
        }
    }
}
