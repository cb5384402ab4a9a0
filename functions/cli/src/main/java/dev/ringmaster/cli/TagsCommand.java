package dev.ringmaster.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringmaster.core.tags.ImageMetadata;
import dev.ringmaster.core.tags.RingTags;
import dev.ringmaster.core.tags.TagSet;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

// No mixinStandardHelpOptions: its --version would clash with the release --version of CONTRACTS.md §3.
@Command(name = "tags",
        description = {"Ring image tags and OCI labels for a build (seed 001), as JSON for CI.",
                "A pull request gets pr-N-BRANCH-vI, pr-N-BRANCH-latest, RING-pr-N-latest, pr-N-latest, pr-N-SHA8;",
                "a release (--version, on main) gets VERSION, latest, stable, sha-SHA8.",
                "Branch → ring: dev, develop → dev; dev-staging → staging; ring-0* → ring-0; ring-1* → ring-1;",
                "ring-2 → ring-2; main → production. Other branches get the PR tags and no ring tag, and a note says so."},
        footer = {"", "Examples:", "  ./ringmaster tags --branch ring-0 --pr 123 --iteration 42 --sha a1b2c3d4e5f6",
                "  ./ringmaster tags --branch main --version 1.5.0 --sha 9c8d7e6f0a1b",
                "  ./ringmaster tags --branch ring-0 --pr 123 --iteration 42 --sha a1b2c3d4e5f6 --plan events/plans/001-aitherzero-rings.yaml"})
public class TagsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--branch", required = true, paramLabel = "B", description = "source branch")
    String branch;

    @Option(names = "--pr", paramLabel = "N", description = "pull request number (PR builds)")
    Integer pr;

    @Option(names = "--iteration", paramLabel = "I", description = "build iteration of the PR (PR builds)")
    Integer iteration;

    @Option(names = "--sha", required = true, paramLabel = "S", description = "commit sha (7–40 hex digits)")
    String sha;

    @Option(names = "--version", paramLabel = "V", description = "release version: production tags (main only)")
    String version;

    @Option(names = "--title", description = "org.opencontainers.image.title")
    String title;

    @Option(names = "--source", description = "org.opencontainers.image.source (repository URL)")
    String source;

    @Option(names = "--created", description = "build time, ISO-8601 (org.opencontainers.image.created)")
    String created;

    @Option(names = "--label-prefix", paramLabel = "P", description = "prefix of ringmaster's labels, the project's reverse-DNS name"
            + " (default: the plan's container-ring labelPrefix with --plan, else dev.ringmaster)")
    String labelPrefix;

    @Option(names = "--plan", paramLabel = "PLAN", description = "take the label prefix from this plan's container-ring target (seed 001)")
    java.nio.file.Path plan;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TagSet set;
        try {
            ImageMetadata meta = new ImageMetadata(title, source, created == null ? null : Instant.parse(created), prefix());
            set = release() ? RingTags.forRelease(version, sha, meta) : RingTags.forPullRequest(branch, pr, iteration, sha, meta);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            err.println(e instanceof DateTimeParseException ? "--created: '" + created + "' is not an ISO-8601 instant" : e.getMessage());
            err.flush();
            return ExitCode.BAD_INPUT;
        } catch (MissingOption e) {
            err.println(e.getMessage());
            err.flush();
            return ExitCode.BAD_INPUT;
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("ring", set.ring().orElse(null));
        set.tags().forEach(root.putArray("tags")::add);
        ObjectNode labels = root.putObject("labels");
        set.labels().forEach(labels::put);
        set.notes().forEach(root.putArray("notes")::add);
        out.println(json.writeValueAsString(root));
        out.flush();
        return ExitCode.OK;
    }

    /** --label-prefix, else the plan's container-ring target's labelPrefix, else the default. */
    private String prefix() {
        if (labelPrefix != null || plan == null) {
            return labelPrefix;
        }
        dev.ringmaster.core.plan.ParseResult parsed = dev.ringmaster.core.plan.PlanParser.parse(plan);
        if (!parsed.ok()) {
            throw new MissingOption(String.join("\n", parsed.errors().stream().map(Object::toString).toList()));
        }
        dev.ringmaster.core.plan.Plan p = parsed.plan();
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(p.target()), p.phases().stream().map(dev.ringmaster.core.plan.Phase::target))
                .filter(t -> t != null && t.type() == dev.ringmaster.core.plan.TargetType.CONTAINER_RING && t.key("labelPrefix") != null)
                .map(t -> t.key("labelPrefix")).findFirst().orElse(null);
    }

    private boolean release() {
        if (version == null) {
            if (pr == null || iteration == null) {
                throw new MissingOption("a PR build needs --pr and --iteration; a release needs --version (on main)");
            }
            return false;
        }
        if (!branch.equals("main")) {
            throw new MissingOption("--version makes production tags, which come from main only; branch is '" + branch + "'");
        }
        if (pr != null || iteration != null) {
            throw new MissingOption("give --version for a release, or --pr and --iteration for a PR build, not both");
        }
        return true;
    }

    /** A usage error found after picocli parsed the options. */
    static final class MissingOption extends RuntimeException {
        MissingOption(String message) {
            super(message);
        }
    }
}
