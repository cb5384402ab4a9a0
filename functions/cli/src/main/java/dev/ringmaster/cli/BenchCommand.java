package dev.ringmaster.cli;

import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print a table.",
        subcommands = {BenchGatesCommand.class},
        footer = {"", "Example:", "  ./ringmaster bench gates --runs 500 --json out/bench.json"})
public class BenchCommand {
}
