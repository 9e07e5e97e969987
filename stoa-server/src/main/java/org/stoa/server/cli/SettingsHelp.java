package org.stoa.server.cli;

import org.stoa.server.config.ConfigLoader;
import org.stoa.server.config.ConfigLoader.Setting;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.Column.Overflow;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.IHelpSectionRenderer;

/**
 * The settings at the end of {@code stoa serve --help}: each key with its environment variable on
 * one line, then what it is for and its default, indented under it and wrapped to the help's width.
 */
final class SettingsHelp implements IHelpSectionRenderer {

    private static final int KEY_WIDTH = 38;
    private static final int TEXT_INDENT = 6;

    @Override
    public String render(Help help) {
        int width = help.commandSpec().usageMessage().width();
        StringBuilder out = new StringBuilder();
        for (Setting s : ConfigLoader.settings()) {
            TextTable names = TextTable.forColumns(help.colorScheme(),
                    new Column(KEY_WIDTH, 2, Overflow.SPAN), new Column(width - KEY_WIDTH, 0, Overflow.WRAP));
            names.addRowValues(s.key(), s.envName());
            TextTable text = TextTable.forColumns(help.colorScheme(), new Column(width, TEXT_INDENT, Overflow.WRAP));
            text.addRowValues(s.help() + (s.defaultValue().isEmpty() ? "" : "; default " + s.defaultValue()));
            out.append(names).append(text);
        }
        return out.toString();
    }
}
