package org.workcell.cli.bench;

import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print their figures (JSON with --json).",
        subcommands = {})
public final class BenchCommand {}
