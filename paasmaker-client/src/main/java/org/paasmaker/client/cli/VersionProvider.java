package org.paasmaker.client.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code paasmaker --version}: the version Maven built, from {@code version.properties}. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new String[] {"paasmaker " + properties.getProperty("version", "(development build)"),
            "Java " + System.getProperty("java.version")};
    }
}
