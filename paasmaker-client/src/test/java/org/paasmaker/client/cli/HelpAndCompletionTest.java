package org.paasmaker.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class HelpAndCompletionTest {

    /** Every command of the tree, as the words that name it: {@code [version, make-current]}. */
    static Stream<List<String>> commands() {
        List<List<String>> all = new ArrayList<>();
        collect(PaasmakerCommand.commandLine(), new ArrayList<>(), all);
        return all.stream();
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> all) {
        all.add(List.copyOf(path));
        command.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandName().equals(name)) {
                List<String> next = new ArrayList<>(path);
                next.add(name);
                collect(sub, next, all);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyCommandHasHelp(List<String> command) {
        List<String> args = new ArrayList<>(command);
        args.add("--help");

        CommandLineRun run = CommandLineRun.of(args.toArray(String[]::new));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: paasmaker" + (command.isEmpty() ? "" : " " + String.join(" ", command)));
        assertThat(run.err()).isEmpty();
    }

    @Test
    void theTreeHasEveryNounAndVerb() {
        assertThat(commands().map(command -> String.join(" ", command))).contains(
                "deploy", "workspace list", "workspace show", "workspace create", "workspace update", "workspace delete",
                "application list", "application show", "application delete", "version list", "version show",
                "version create", "version start", "version stop", "version make-current", "version deregister",
                "version delete", "version instances", "instance log", "job show", "job log", "job follow", "job abort",
                "service list", "node list", "runtime list", "plugin list", "route list", "router stats",
                "manifest validate", "login", "logout", "completion");
    }

    @Test
    void printsABashCompletionScriptOfTheWholeTree() {
        CommandLineRun run = CommandLineRun.of("completion");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("#!/usr/bin/env bash")
                .contains("complete -F _complete_paasmaker", "make-current", "--no-current", "--with-services")
                .contains("(\"human\" \"json\" \"yaml\")")
                .doesNotContain("cds-training");
    }
}
