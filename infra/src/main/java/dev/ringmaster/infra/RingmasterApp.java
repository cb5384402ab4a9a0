package dev.ringmaster.infra;

import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/**
 * The CDK app: one {@link RingmasterStack}. Context {@code runtime} chooses the functions' runtime ({@code native},
 * the default, or {@code jvm}); {@code root} is the repository whose {@code functions/<name>/target/function.zip}
 * are deployed; the AWS resources plans may touch are context too ({@link PlanResources}).
 */
public final class RingmasterApp {
    private RingmasterApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        synth(app, Path.of(System.getProperty("ringmaster.root", "..")));
    }

    /** Builds the stack into {@code app} and writes the cloud assembly (the template) to its outdir. */
    static RingmasterStack synth(App app, Path root) {
        Object runtime = app.getNode().tryGetContext("runtime");
        RingmasterStack stack = new RingmasterStack(app, "Ringmaster", Runtimes.of(runtime == null ? null : runtime.toString()),
                root.toAbsolutePath().normalize(), PlanResources.from(app.getNode()::tryGetContext));
        app.synth();
        return stack;
    }

    static App app(String outdir) {
        return new App(AppProps.builder().outdir(outdir).build());
    }
}
