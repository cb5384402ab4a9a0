package dev.ringmaster.cli;

import dev.ringmaster.adapters.registry.RingTag;
import dev.ringmaster.core.port.RolloutTarget;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "rings", mixinStandardHelpOptions = true,
        description = {"Each ring tag of a repository and the digest it points at (seed 001: query by ring).",
                "An OCI registry over https (plain http on loopback only), or Amazon ECR through the AWS SDK;",
                "logins from ringmaster.registry.auths (docs/targets.md)."},
        footer = {"", "Examples:", "  ./ringmaster rings ghcr.io/wizzense/aitherzero",
                "  ./ringmaster rings 127.0.0.1:5000/aitherzero --ring-tag '{ring}-latest'"})
public class RingsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REGISTRY/REPOSITORY", description = "like ghcr.io/wizzense/aitherzero")
    String repository;

    @Option(names = "--ring-tag", defaultValue = "{ring}-latest", paramLabel = "PATTERN",
            description = "the ring tag pattern, with {ring} (default ${DEFAULT-VALUE})")
    String ringTag;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (!ringTag.contains("{ring}")) {
                err.println("--ring-tag: '" + ringTag + "' must contain {ring}, like {ring}-latest");
                return ExitCode.BAD_INPUT;
            }
            List<RingTag> tags = Live.targets().rings().list(repository, ringTag);
            if (tags.isEmpty()) {
                out.println("no ring tags (" + ringTag + ") in " + repository);
                return ExitCode.OK;
            }
            Table t = new Table("RING", "TAG", "DIGEST");
            tags.forEach(r -> t.row(r.ring(), r.tag(), r.digest()));
            t.print(out);
            return ExitCode.OK;
        } catch (RolloutTarget.Refused | RolloutTarget.Unavailable e) {
            err.println(repository + ": " + e.getMessage());
            return ExitCode.BAD_INPUT;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
