package dev.ringmaster.cli;

import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print a table.",
        subcommands = {BenchGatesCommand.class, BenchRuntimeCommand.class, BenchCostCommand.class},
        footer = {"", "Example:", "  ./ringmaster bench gates --runs 500 --json out/bench.json", "  ./ringmaster bench runtime --json out/runtime.json",
                "  ./ringmaster bench cost --runtime out/runtime.json"})
public class BenchCommand {
}
