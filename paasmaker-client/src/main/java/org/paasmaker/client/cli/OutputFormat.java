package org.paasmaker.client.cli;

/** {@code --output}: tables and lines for people, or the wire records themselves for programs. */
enum OutputFormat {
    human,
    json,
    yaml
}
