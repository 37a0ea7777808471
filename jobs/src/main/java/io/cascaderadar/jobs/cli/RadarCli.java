package io.cascaderadar.jobs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code radar}: the command line of cascade-radar (the {@code ./radar} script runs it; {@code ./radar test} is the script's). */
@Command(name = "radar", mixinStandardHelpOptions = true, version = "cascade-radar 0.1.0",
        description = "Detects market-wide deleveraging in crypto liquidations.",
        subcommands = {DemoCommand.class, ReplayCommand.class, SimulateCommand.class, ImportCommand.class,
                RunCommand.class, PublishCommand.class, AlertsCommand.class, StackCommand.class, CollectCommand.class, BackfillCommand.class,
                BenchCommand.class, ClusterCommand.class, SubmitCommand.class, StopCommand.class})
public final class RadarCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new RadarCli());
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println("radar: " + Failures.describe(e));
            return e instanceof io.cascaderadar.connectors.csv.InputFileException || e instanceof IllegalArgumentException ? 2 : 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
