package org.workcell.cli.bench;

import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print their figures (one JSON document with --json).",
        subcommands = {CheckinBenchCommand.class, ImageBenchCommand.class, DensityBenchCommand.class, DisplayBenchCommand.class})
public final class BenchCommand {}
