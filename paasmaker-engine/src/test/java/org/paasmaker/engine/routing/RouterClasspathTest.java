package org.paasmaker.engine.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouterClasspathTest {

    @TempDir
    Path directory;

    @Test
    void plainFilesAndDirectoriesAreUsedWhereTheyAre() {
        List<Path> entries = RouterClasspath.resolve(getClass().getClassLoader(), directory.resolve("lib"));

        assertThat(entries).allSatisfy(entry -> assertThat(entry).exists());
        assertThat(entries).anySatisfy(entry -> assertThat(entry.toString()).contains("netty-codec-http"));
        assertThat(entries).anySatisfy(entry -> assertThat(entry.toString()).contains("netty-transport-native-epoll"));
        assertThat(directory.resolve("lib")).doesNotExist();
    }

    /** As inside Liberty, where a jar's location is inside the WAR ({@code wsjar:}; {@code jar:} here). */
    @Test
    void aJarInsideAnArchiveIsCopiedOut() throws Exception {
        Path war = directory.resolve("app.war");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(war))) {
            zip.putNextEntry(new ZipEntry("WEB-INF/lib/netty-common.jar"));
            OutputStream out = zip;
            out.write("jar bytes".getBytes());
            zip.closeEntry();
        }
        URL nested = new URL("jar:" + war.toUri() + "!/WEB-INF/lib/netty-common.jar");

        Path copy = RouterClasspath.materialize(nested, directory.resolve("lib"));

        assertThat(copy).isEqualTo(directory.resolve("lib/netty-common.jar"));
        assertThat(copy).hasContent("jar bytes");
    }

    @Test
    void aLocationThatIsNoJarIsRefusedByName() throws Exception {
        URL classes = new URL("jar:" + directory.resolve("app.war").toUri() + "!/WEB-INF/classes/");

        assertThatThrownBy(() -> RouterClasspath.materialize(classes, directory.resolve("lib")))
                .hasMessageContaining("WEB-INF/classes");
    }
}
