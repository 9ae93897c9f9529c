package org.paasmaker.client.cli;

import picocli.CommandLine.Command;

/** {@code paasmaker manifest}: application manifests. */
@Command(name = "manifest", description = "Work with application manifests.",
        subcommands = {ManifestValidateCommand.class})
final class ManifestCommand {
}
