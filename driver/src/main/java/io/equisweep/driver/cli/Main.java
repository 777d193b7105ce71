package io.equisweep.driver.cli;

import io.equisweep.driver.Version;
import io.equisweep.driver.spark.SparkSetupException;
import io.equisweep.driver.spec.SpecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code equisweep} command line. */
@Command(name = "equisweep", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Sweeps of group-equivariant CNNs on Apache Spark.",
        subcommands = {RunCommand.class, PlanCommand.class, StatusCommand.class, SummaryCommand.class, ReportCommand.class,
            CompareCommand.class, BenchCommand.class,
            CompactCommand.class,
            DataCommand.class,
            CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command and returns its exit code (see {@link ExitCodes}). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof SpecException || e instanceof BadInputException || e instanceof SparkSetupException) {
                commandLine.getErr().println("equisweep: " + e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            commandLine.getErr().println("equisweep: " + e);
            e.printStackTrace(commandLine.getErr());
            return ExitCodes.ERROR;
        });
        cli.setExitCodeExceptionMapper(e -> ExitCodes.BAD_INPUT);
        return cli.execute(args);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"equisweep " + Version.get()};
        }
    }
}
