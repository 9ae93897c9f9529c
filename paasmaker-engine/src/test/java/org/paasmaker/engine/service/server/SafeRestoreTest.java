package org.paasmaker.engine.service.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * The order of an import's steps and what each failure leaves, with steps that record what they are
 * asked to do (a "database" that is a list of the dumps loaded into it): the servers' own round trips
 * are in the plugins' tests.
 */
class SafeRestoreTest {

    @TempDir
    Path temp;

    /** A database whose data is the name of the dump last loaded; loading {@code failing} fails. */
    private static final class Recorded implements SafeRestore.Steps {
        final List<String> calls = new ArrayList<>();
        String data = "earlier";
        final String failing;
        final boolean putBackFails;

        Recorded(String failing, boolean putBackFails) {
            this.failing = failing;
            this.putBackFails = putBackFails;
        }

        @Override
        public ClientTool.Outcome export(Path to) {
            calls.add("export");
            try {
                Files.writeString(to, data);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            return new ClientTool.Outcome("dump", 0, "");
        }

        @Override
        public void empty() {
            calls.add("empty");
            data = "";
        }

        @Override
        public ClientTool.Outcome load(Path dump) {
            String content = read(dump);
            calls.add("load " + content);
            boolean earlier = content.equals("earlier");
            if (content.equals(failing) || (earlier && putBackFails)) {
                data = "half of " + content;
                return new ClientTool.Outcome("load", 1, "ERROR: cannot load " + content);
            }
            data = content;
            return new ClientTool.Outcome("load", 0, "");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aDumpThatLoadsReplacesTheData() throws IOException {
        Recorded database = new Recorded("nothing", false);

        SafeRestore.replace("the service 'db' of blog", database, Files.writeString(temp.resolve("d"), "new"));

        assertThat(database.calls).containsExactly("export", "empty", "load new");
        assertThat(database.data).isEqualTo("new");
    }

    @Test
    void aDumpThatFailsPutsTheEarlierDataBackAndQuotesTheTool() throws IOException {
        Recorded database = new Recorded("bad", false);
        Path dump = Files.writeString(temp.resolve("d"), "bad");

        assertThatThrownBy(() -> SafeRestore.replace("the service 'db' of blog", database, dump))
                .isInstanceOfSatisfying(PaasmakerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("the dump could not be imported into the service 'db' of blog; load (status 1)"
                        + " said:\nERROR: cannot load bad")
                .hasMessageEndingWith("The service's data is as it was before the import.");
        assertThat(database.calls).containsExactly("export", "empty", "load bad", "empty", "load earlier");
        assertThat(database.data).isEqualTo("earlier");
    }

    @Test
    void whenPuttingBackFailsTooTheEarlierDataIsKeptForAnOperator() throws IOException {
        Recorded database = new Recorded("bad", true);
        Path dump = Files.writeString(temp.resolve("d"), "bad");

        PaasmakerException failure = (PaasmakerException) org.assertj.core.api.Assertions.catchThrowable(
                () -> SafeRestore.replace("the service 'db' of blog", database, dump));

        assertThat(failure.code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(failure.getMessage()).contains("cannot load bad", "Putting back its earlier data failed too",
                "cannot load earlier");
        Matcher kept = Pattern.compile("kept in (\\S+) for an operator").matcher(failure.getMessage());
        assertThat(kept.find()).isTrue();
        Path copy = Path.of(kept.group(1));
        try {
            assertThat(copy).hasContent("earlier");
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    @Test
    void whenTheDataCannotBeSavedFirstNothingIsTouched() throws IOException {
        List<String> calls = new ArrayList<>();
        SafeRestore.Steps unsaved = new SafeRestore.Steps() {
            @Override
            public ClientTool.Outcome export(Path to) {
                calls.add("export");
                return new ClientTool.Outcome("pg_dump", 1, "connection refused");
            }

            @Override
            public void empty() {
                calls.add("empty");
            }

            @Override
            public ClientTool.Outcome load(Path dump) {
                calls.add("load");
                return new ClientTool.Outcome("pg_restore", 0, "");
            }
        };

        assertThatThrownBy(() -> SafeRestore.replace("the service 'db' of blog", unsaved,
                Files.writeString(temp.resolve("d"), "new")))
                .hasMessageContaining("its data could not be saved first, so it was left alone; pg_dump (status 1)"
                        + " said:\nconnection refused");
        assertThat(calls).containsExactly("export");
    }
}
