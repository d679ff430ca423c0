package org.workcell.cli.bench;

import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print their figures (one JSON document with --json).",
        subcommands = {CheckinBenchCommand.class})
public final class BenchCommand {}
