package dev.handoff;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bash launcher {@code ./handoff}, run on a copy of itself beside a stand-in jar, with a fake
 * JDK whose {@code bin/java} writes down the arguments it gets and writes CDS archives (just their
 * magic number) where it is told to. So the tests see exactly which words reach java, which
 * training runs happen and where archives go, without building or starting a JVM.
 */
class LauncherTest {

    private static final Path SCRIPT = Path.of("handoff").toAbsolutePath();

    /** One call a line, the arguments separated by U+001F, so a word with a blank stays one. */
    private static final String FAKE_JAVA = """
            #!/bin/bash
            printf '%s\\x1f' "$@" >>"$FAKE_JAVA_LOG"; echo >>"$FAKE_JAVA_LOG"
            dump="" saf=""
            for a in "$@"; do
              case "$a" in
                -XX:ArchiveClassesAtExit=*) printf '\\xa8\\xab\\x0b\\xf0archive' >"${a#*=}" ;;
                -XX:DumpLoadedClassList=*) echo java/lang/Object >"${a#*=}" ;;
                -Xshare:dump) dump=1 ;;
                -XX:SharedArchiveFile=*) saf="${a#*=}" ;;
              esac
            done
            [ -z "$dump" ] || printf '\\xa2\\xab\\x0b\\xf0archive' >"$saf"
            """;

    @TempDir
    Path tmp;
    Path app;
    Path jdk;
    Path work;
    Path log;
    Path home;

    @BeforeEach
    void setUp() throws IOException {
        app = Files.createDirectories(tmp.resolve("app"));
        Files.copy(SCRIPT, app.resolve("handoff"));
        // no pom.xml: an installed copy, never rebuilt
        Files.writeString(Files.createDirectories(app.resolve("target")).resolve("handoff.jar"), "jar");
        jdk = Files.createDirectories(tmp.resolve("jdk"));
        javaVersion("17.0.9");
        Files.writeString(Files.createDirectories(jdk.resolve("lib/server")).resolve("classes.jsa"), "");
        Path java = Files.createDirectories(jdk.resolve("bin")).resolve("java");
        Files.writeString(java, FAKE_JAVA);
        assertThat(java.toFile().setExecutable(true)).isTrue();
        work = Files.createDirectories(tmp.resolve("work"));
        home = Files.createDirectories(tmp.resolve("home"));
        log = tmp.resolve("java.log");
    }

    private void javaVersion(String version) throws IOException {
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
    }

    record Run(int exit, String stderr, List<List<String>> calls) {
        /** The call that runs the tool: the last one. */
        List<String> tool() {
            return calls.get(calls.size() - 1);
        }

        /** The user's options as java got them: the words after the launcher's own, before -jar. */
        List<String> wordsBeforeJar() {
            List<String> t = tool();
            return t.subList(0, t.indexOf("-jar"));
        }
    }

    /** Runs the launcher copy from {@code work}; {@code env} pairs set a variable, a null value unsets it. */
    private Run run(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", app.resolve("handoff").toString()));
        command.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
        Map<String, String> e = pb.environment();
        e.clear();
        e.put("PATH", "/usr/bin:/bin");
        e.put("JAVA_HOME", jdk.toString());
        e.put("HOME", home.toString());
        e.put("FAKE_JAVA_LOG", log.toString());
        env.forEach((k, v) -> {
            if (v == null) {
                e.remove(k);
            } else {
                e.put(k, v);
            }
        });
        Files.deleteIfExists(log);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<List<String>> calls = new ArrayList<>();
        if (Files.exists(log)) {
            for (String line : Files.readAllLines(log)) {
                String[] words = line.split("\u001f", -1); // each word ends in U+001F: the last piece is empty
                calls.add(List.of(Arrays.copyOf(words, words.length - 1)));
            }
        }
        return new Run(p.exitValue(), stderr, calls);
    }

    @Test
    void aRelativeLinkRunAsBashLinkFromItsOwnFolderFindsTheTool() throws Exception {
        // "bash rel" gives the script the name "rel", with no folder part: the link's target was once read from "rel/.."
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        try {
            Files.createSymbolicLink(bin.resolve("rel"), Path.of("../app/handoff"));
        } catch (UnsupportedOperationException | IOException e) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "symbolic links: " + e);
        }
        ProcessBuilder pb = new ProcessBuilder("bash", "rel", "--version").directory(bin.toFile());
        pb.environment().put("JAVA_HOME", jdk.toString());
        pb.environment().put("HOME", home.toString());
        pb.environment().put("FAKE_JAVA_LOG", log.toString());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(stderr).isZero();
        assertThat(Files.readString(log)).contains(app.resolve("target/handoff.jar").toString());
    }

    private static Map<String, String> env(String... pairs) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static boolean usesArchive(List<String> call) {
        return call.stream().anyMatch(w -> w.startsWith("-XX:SharedArchiveFile="));
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    // --- HOME (finding 4)

    @Test
    void withAnAbsoluteHomeTheArchiveGoesUnderItsCache() throws Exception {
        Run r = run(Map.of(), "--version");
        assertThat(r.exit()).isZero();
        assertThat(r.stderr()).isEmpty();
        assertThat(r.calls()).hasSize(3); // class list, -Xshare:dump, the tool
        assertThat(r.tool()).anyMatch(w -> w.startsWith("-XX:SharedArchiveFile=" + home.resolve(".cache/handoff/cds")));
    }

    @Test
    void withoutHomeTheToolRunsWithoutAnArchive() throws Exception {
        Map<String, String> env = env("HOME", null);
        Run r = run(env, "--version");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stderr()).isEmpty();
        assertThat(r.calls()).hasSize(1);
        assertThat(usesArchive(r.tool())).isFalse();
        assertThat(r.tool()).endsWith("-jar", app.resolve("target/handoff.jar").toString(), "--version");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "rel", "./x", "~"})
    void anEmptyOrRelativeHomeMakesNoArchiveAnywhere(String value) throws Exception {
        Run r = run(env("HOME", value), "validate", "a.yaml");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stderr()).isEmpty();
        assertThat(r.calls()).hasSize(1);
        assertThat(usesArchive(r.tool())).isFalse();
        assertThat(filesUnder(work)).isEmpty(); // a relative HOME would have put .cache here
    }

    @Test
    void anAbsoluteXdgCacheHomeServesWithoutHome() throws Exception {
        Path cache = tmp.resolve("xdg");
        Run r = run(env("HOME", null, "XDG_CACHE_HOME", cache.toString()), "--version");
        assertThat(r.exit()).isZero();
        assertThat(r.tool()).anyMatch(w -> w.startsWith("-XX:SharedArchiveFile=" + cache.resolve("handoff/cds")));
    }

    @Test
    void aBuildWithoutHomeSaysSoInOneLineAndExits2() throws Exception {
        Path mvnw = buildableCopy();
        Run r = run(env("HOME", null), "validate", "a.yaml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr().lines().toList()).containsExactly(
                "handoff: the tool needs building, and Maven needs HOME (an absolute path) for ~/.m2; set HOME or MAVEN_USER_HOME");
        assertThat(Files.exists(mvnw.resolveSibling("mvnw.ran"))).isFalse();
        assertThat(r.calls()).isEmpty();
    }

    @Test
    void aBuildWithoutHomeButWithMavenUserHomeBuildsAndRuns() throws Exception {
        Path mvnw = buildableCopy();
        Run r = run(env("HOME", null, "MAVEN_USER_HOME", tmp.resolve("m2").toString()), "--version");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(Files.exists(mvnw.resolveSibling("mvnw.ran"))).isTrue();
        assertThat(r.calls()).hasSize(1);
        assertThat(usesArchive(r.tool())).isFalse();
    }

    /** pom.xml newer than the jar, and a stand-in mvnw that notes it ran and writes the jar. */
    private Path buildableCopy() throws IOException {
        Path pom = Files.writeString(app.resolve("pom.xml"), "<project/>");
        Files.setLastModifiedTime(app.resolve("target/handoff.jar"), FileTime.from(Instant.now().minusSeconds(60)));
        Files.setLastModifiedTime(pom, FileTime.from(Instant.now()));
        Path mvnw = app.resolve("mvnw");
        Files.writeString(mvnw, "#!/bin/sh\n: >mvnw.ran\necho jar >target/handoff.jar\n");
        assertThat(mvnw.toFile().setExecutable(true)).isTrue();
        return mvnw;
    }

    @Test
    void aFailureTheScriptDidNotExpectExits2Not1() throws Exception {
        buildableCopy();
        // the build lock cannot be opened: a directory stands where the file goes
        Files.createDirectories(app.resolve("target/.handoff-build.lock"));
        Run r = run(Map.of(), "validate", "a.yaml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).endsWith("handoff: the launcher itself failed (the line above says why)\n");
        assertThat(r.calls()).isEmpty();
    }

    // --- JAVA_OPTS and HANDOFF_JAVA_OPTS (finding 5)

    @Test
    void optionsReachJavaAsWrittenNeverGlobExpanded() throws Exception {
        Files.writeString(work.resolve("xfile"), ""); // a word 'x*' would have become 'xfile'
        Run r = run(env("HANDOFF_CDS", "off",
                "JAVA_OPTS", "  -Dhttp.nonProxyHosts=*.local|localhost x*  ",
                "HANDOFF_JAVA_OPTS", "-Da=[ab] \t-Dpath=/tmp/**\n-Dfoo=b\\ar -Xmx64m"), "--version");
        assertThat(r.exit()).isZero();
        assertThat(r.wordsBeforeJar()).containsExactly("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                "-Dhttp.nonProxyHosts=*.local|localhost", "x*", "-Da=[ab]", "-Dpath=/tmp/**", "-Dfoo=b\\ar", "-Xmx64m");
    }

    @Test
    void withoutOptionsJavaGetsOnlyTheLaunchersOwn() throws Exception {
        Run r = run(env("HANDOFF_CDS", "off", "JAVA_OPTS", " ", "HANDOFF_JAVA_OPTS", ""), "replay", "t");
        assertThat(r.tool()).containsExactly("-XX:+UseSerialGC", "-jar", app.resolve("target/handoff.jar").toString(), "replay", "t");
    }

    // --- HANDOFF_CDS (finding 6)

    @ParameterizedTest
    @ValueSource(strings = {"Static", "STATIC", "static"})
    void cdsValuesIgnoreCase(String value) throws Exception {
        javaVersion("21.0.2"); // auto would be dynamic here
        Run r = run(env("HANDOFF_CDS", value), "--version");
        assertThat(r.stderr()).isEmpty();
        assertThat(r.calls()).anyMatch(c -> c.contains("-Xshare:dump"));
        assertThat(r.tool()).anyMatch(w -> w.startsWith("-XX:SharedArchiveFile=") && w.endsWith("-static.jsa"));
    }

    @Test
    void offInCapitalsIsOff() throws Exception {
        Run r = run(env("HANDOFF_CDS", "OFF"), "--version");
        assertThat(r.stderr()).isEmpty();
        assertThat(r.calls()).hasSize(1);
        assertThat(usesArchive(r.tool())).isFalse();
    }

    @Test
    void anUnknownCdsValueIsShownOnOneLineWithoutItsControlCharacters() throws Exception {
        javaVersion("21.0.2");
        Run r = run(env("HANDOFF_CDS", "x\n\u001b]0;pwned\u0007y"), "--version");
        assertThat(r.exit()).isZero();
        assertThat(r.stderr()).isEqualTo("handoff: HANDOFF_CDS='x??]0;pwned?y' is not auto, static, dynamic or off; using auto\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "on", "statik"})
    void anUnknownCdsValueSaysSoAndMeansAuto(String value) throws Exception {
        javaVersion("21.0.2");
        Run r = run(env("HANDOFF_CDS", value), "--version");
        assertThat(r.exit()).isZero();
        assertThat(r.stderr().lines().toList()).containsExactly(
                "handoff: HANDOFF_CDS='" + value + "' is not auto, static, dynamic or off; using auto");
        assertThat(r.tool()).contains("-XX:+AutoCreateSharedArchive");
    }

    // --- naming a GC (finding 7)

    @Test
    void gcInTwoOptionsIsNotAGc() throws Exception {
        Run r = run(env("HANDOFF_CDS", "off", "JAVA_OPTS", "-XX:+UseStringDeduplication -XX:+DisableExplicitGC"), "--version");
        assertThat(r.tool()).contains("-XX:+UseSerialGC");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-XX:+UseZGC", "-XX:+UseShenandoahGC", "-XX:+UseParallelGC", "-XX:+UseG1GC", "-XX:+UseEpsilonGC",
            "-XX:+UseSerialGC"})
    void namingAGcReplacesTheDefault(String gc) throws Exception {
        Run r = run(env("HANDOFF_CDS", "off", "HANDOFF_JAVA_OPTS", "-Xmx1g " + gc), "--version");
        assertThat(r.tool()).containsOnlyOnce(gc);
        assertThat(r.wordsBeforeJar()).endsWith("-Xmx1g", gc);
        assertThat(r.tool()).filteredOn(w -> w.startsWith("-XX:+Use") && w.endsWith("GC")).containsExactly(gc);
    }
}
