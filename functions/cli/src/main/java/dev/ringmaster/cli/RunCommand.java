package dev.ringmaster.cli;

import dev.ringmaster.adapters.live.LiveTargets;
import dev.ringmaster.core.port.FlagWriter;
import dev.ringmaster.core.port.Targets;
import dev.ringmaster.testkit.bus.InProcessBus;
import dev.ringmaster.testkit.sim.SimFlagStore;
import dev.ringmaster.testkit.sim.SimTargets;
import dev.ringmaster.core.plan.Durations;
import dev.ringmaster.core.port.Notifier;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.port.Capabilities;
import dev.ringmaster.testkit.LocalChain;
import dev.ringmaster.testkit.RecordingScheduler;
import dev.ringmaster.sim.Scenario;
import dev.ringmaster.sim.ScenarioError;
import dev.ringmaster.sim.ScenarioParser;
import io.quarkus.scheduler.Scheduler;
import jakarta.inject.Inject;
import dev.ringmaster.adapters.ingest.IngressConfig;
import dev.ringmaster.core.signal.WebhookKind;
import dev.ringmaster.core.step.Ingest;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Everything locally: Amazon DynamoDB Local on loopback with its data kept in a folder, every",
                "step function in this JVM, and a scheduler ticking each active rollout. Operate it from another",
                "terminal with start, status, pause, resume, rollback, promote --force, approve, kill and fixed.",
                "Targets are the simulated ones; metrics come from --scenario (sampled in real time × --speed)",
                "and from static sources."},
        footer = {"", "Example (a day of rollout in under three minutes):",
                "  ./ringmaster run --scenario events/scenarios/android-healthy.yaml --speed 600",
                "  ./ringmaster start events/plans/002-android-staged.yaml --confirm-checklist   # in another terminal",
                "",
                "With webhooks (a real Alertmanager can post to it; docs/webhooks.md):",
                "  RINGMASTER_WEBHOOK_SECRET_ALERTMANAGER=s3cret ./ringmaster run --listen 127.0.0.1:9095"})
public class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Inject
    Scheduler scheduler;

    @Option(names = "--data", defaultValue = ".ringmaster/data", paramLabel = "DIR", description = "DynamoDB Local's data (default ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--port", defaultValue = "8000", paramLabel = "P", description = "DynamoDB Local port on 127.0.0.1 (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--tick", defaultValue = "5m", paramLabel = "D", description = "rollout time between ticks (default ${DEFAULT-VALUE})")
    String tick;

    @Option(names = "--speed", defaultValue = "1", paramLabel = "X", description = "how much faster than the wall clock rollout time runs (default ${DEFAULT-VALUE})")
    double speed;

    @Option(names = "--for", paramLabel = "D", description = "stop after this much wall-clock time (default: until interrupted)",
            converter = DurationConverter.class)
    Duration runFor;

    @Option(names = "--scenario", paramLabel = "S.yaml", description = "sample these metrics' true values (CONTRACTS.md §4)")
    Path scenarioFile;

    @Option(names = "--targets", defaultValue = "sim", paramLabel = "sim|live",
            description = {"sim (default): simulated stores, flags and registries, kept in memory;",
                    "live: the configured real target adapters (docs/targets.md); a plan naming one that is not configured is refused at start"})
    SimulateCommand.TargetKind targets;

    @Option(names = "--listen", paramLabel = "HOST:PORT",
            description = {"also serve POST /webhooks/{appstore|crashlytics|alertmanager|canary-diff|generic} here, as the",
                    "ingest-webhook function does (secrets: RINGMASTER_WEBHOOK_SECRET_<KIND>; docs/webhooks.md)"})
    String listen;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Duration tickLength = Durations.parse(tick).filter(d -> !d.isZero()).orElse(null);
        if (tickLength == null || speed <= 0) {
            err.println(tickLength == null ? "--tick: bad duration '" + tick + "': use e.g. 5m" : "--speed: " + speed + " must be above 0");
            err.flush();
            return ExitCode.BAD_INPUT;
        }
        InetSocketAddress listenAt = null;
        if (listen != null) {
            listenAt = address(listen);
            if (listenAt == null) {
                err.println("--listen: '" + listen + "' is not HOST:PORT (e.g. 127.0.0.1:9095)");
                err.flush();
                return ExitCode.BAD_INPUT;
            }
        }
        Scenario scenario = null;
        if (scenarioFile != null) {
            try {
                scenario = ScenarioParser.parse(scenarioFile);
            } catch (ScenarioError e) {
                err.println(e.getMessage());
                err.flush();
                return ExitCode.BAD_INPUT;
            }
        }
        LocalDynamoDb db = LocalDynamoDb.start(data, port);
        RolloutStore store = LocalRunner.store(db.client());
        ScaledClock clock = ScaledClock.startIn(data, speed);
        RunMetrics metrics = new RunMetrics(scenario).readingReportsFrom(store);
        SimFlagStore simFlags = new SimFlagStore(clock);
        Targets acting;
        FlagWriter flags;
        Capabilities can;
        if (targets == SimulateCommand.TargetKind.live) {
            LiveTargets live = Live.targets();
            acting = new Targets(live.targets());
            flags = live.flags();
            can = Live.capabilities(live);
        } else {
            acting = SimTargets.of(clock, simFlags).targets();
            flags = simFlags;
            can = Capabilities.everything();
        }
        Notifier console = (rule, message) -> say(out, clock.instant() + "  notify " + rule.channel() + ": " + message.title());
        // The scheduler ticks at most once a second; at high speed each tick covers more rollout time.
        long everyMillis = Math.max(1000, (long) (tickLength.toMillis() / speed));
        Duration virtualTick = Duration.ofMillis((long) (everyMillis * speed));
        // No grace in the outbox: commands come from other processes and reach no bus, so the next tick sends them.
        LocalChain chain = new LocalChain(new LocalChain.World(store, metrics, acting, flags, console,
                new RecordingScheduler(), clock), new InProcessBus(), can, virtualTick, true, Duration.ZERO);
        RunnerLoop loop = new RunnerLoop(chain, store, clock, metrics, virtualTick, line -> say(out, line));
        WebhookListener webhooks = null;
        if (listenAt != null) {
            Ingest ingest = new Ingest(store, chain.bus, clock, LocalRunner.plans(), Ingest.KEEP);
            try {
                webhooks = WebhookListener.start(listenAt.getHostString(), listenAt.getPort(), Live.ingress(ingest, clock),
                        IngressConfig.MAX_BODY_BYTES, line -> say(out, clock.instant() + "  " + line));
            } catch (java.io.IOException e) {
                err.println("--listen: cannot listen on " + listen + ": " + e.getMessage());
                err.flush();
                db.close();
                return ExitCode.BAD_INPUT;
            }
            out.printf("webhooks: POST http://%s:%d/webhooks/{%s}%n", listenAt.getHostString(), webhooks.port(), WebhookKind.keys().replace(", ", "|"));
        }
        scheduler.newJob("ringmaster-tick").setInterval(everyMillis + "ms").setTask(execution -> loop.tickAll()).schedule();
        scheduler.resume();
        out.printf("ringmaster run: DynamoDB Local on 127.0.0.1:%d (data in %s), a tick every %s of rollout time (%d ms at ×%s)%n",
                db.port(), data, Durations.format(virtualTick), everyMillis, dev.ringmaster.core.plan.Numbers.plain(speed));
        out.println("operate from another terminal: ./ringmaster start PLAN | status ID | pause ID | resume ID | rollback ID | approve ID | kill ID");
        out.flush();
        if (runFor == null) {
            new CountDownLatch(1).await();
        } else {
            Thread.sleep(runFor.toMillis());
            scheduler.pause();
            if (webhooks != null) {
                webhooks.close();
            }
            db.close();
        }
        return ExitCode.OK;
    }

    /** "127.0.0.1:9095" → the address, or null when it is not HOST:PORT with a port in 0–65535. */
    static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            return null;
        }
        try {
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            return port < 0 || port > 65535 ? null : InetSocketAddress.createUnresolved(hostPort.substring(0, colon), port);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static synchronized void say(PrintWriter out, String line) {
        out.println(line);
        out.flush();
    }
}
