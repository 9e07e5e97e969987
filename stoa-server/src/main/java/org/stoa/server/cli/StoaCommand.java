package org.stoa.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code stoa} command line: {@code serve} and the engine's tools. */
@Command(
        name = "stoa",
        mixinStandardHelpOptions = true,
        versionProvider = StoaCommand.Version.class,
        description = "Stoa: a self-hosted chat service with built-in trust and safety.",
        subcommands = {ServeCommand.class, AdminCommand.class, ExportCommand.class, ScanCommand.class, HashCommand.class, MatchCommand.class, OcrCommand.class,
                CommandLine.HelpCommand.class})
public final class StoaCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new StoaCommand());
        withVersion(cli);
        cli.getSubcommands().get("serve").getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER,
                new SettingsHelp());
        return cli;
    }

    /** Every command's --version prints stoa's version, not nothing. */
    private static void withVersion(CommandLine cli) {
        cli.getCommandSpec().versionProvider(new Version());
        cli.getSubcommands().values().forEach(StoaCommand::withVersion);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = StoaCommand.class.getPackage().getImplementationVersion();
            return new String[] {"stoa " + (v == null ? "development build" : v),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
