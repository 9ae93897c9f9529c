package org.paasmaker.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.workspace.NewWorkspace;
import org.paasmaker.api.workspace.Workspace;

/** A store survives an engine killed at any moment, and says how to recover when its file is damaged. */
class FileStoreCrashTest {

    @TempDir
    Path directory;

    private Path file() {
        return directory.resolve("store.json");
    }

    private Path sibling(String suffix) {
        return directory.resolve("store.json" + suffix);
    }

    @Test
    void aWriteCutShortLeavesTheLastCompleteState() throws IOException {
        try (FileStore store = FileStore.open(file())) {
            store.workspaces().create(new NewWorkspace("One", "one"));
            store.workspaces().create(new NewWorkspace("Two", "two"));
        }
        // What a kill during the next write leaves: a temporary file holding part of the new state.
        byte[] complete = Files.readAllBytes(file());
        Files.write(sibling(".tmp"), Arrays.copyOf(complete, complete.length / 2));

        try (FileStore reopened = FileStore.open(file())) {
            assertThat(reopened.workspaces().list()).extracting(Workspace::stub).containsExactly("one", "two");
            reopened.workspaces().create(new NewWorkspace("Three", "three"));
        }
        try (FileStore again = FileStore.open(file())) {
            assertThat(again.workspaces().list()).extracting(Workspace::stub).containsExactly("one", "two", "three");
        }
    }

    @Test
    void aDamagedFileIsRefusedWithTheWayToRecover() throws IOException {
        try (FileStore store = FileStore.open(file())) {
            store.workspaces().create(new NewWorkspace("One", "one"));
            store.workspaces().create(new NewWorkspace("Two", "two"));
        }
        byte[] complete = Files.readAllBytes(file());
        Files.write(file(), Arrays.copyOf(complete, complete.length - 10));

        assertThatThrownBy(() -> FileStore.open(file()))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
                .hasMessageStartingWith("the store file " + file().toAbsolutePath() + " is unreadable: ")
                .hasMessageEndingWith("; restore it from its backup " + sibling(".bak").toAbsolutePath()
                        + " or move it away to start empty");

        // The refusal released the file, and the backup holds the state before the last change.
        Files.copy(sibling(".bak"), file(), StandardCopyOption.REPLACE_EXISTING);
        try (FileStore restored = FileStore.open(file())) {
            assertThat(restored.workspaces().list()).extracting(Workspace::stub).containsExactly("one");
        }
    }

    @Test
    void aFileThatIsNotAStoresIsRefused() throws IOException {
        Files.writeString(file(), "{\"format\": 1, \"nextId\": 1}", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> FileStore.open(file())).hasMessageContaining("has no 'highestVersionNumbers'");

        Files.writeString(file(), "{\"format\": 2}", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> FileStore.open(file())).hasMessageContaining("its format is 2");

        Files.writeString(file(), "", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> FileStore.open(file())).hasMessageContaining("is unreadable");
    }

    @Test
    void aChangeThatCannotBeWrittenIsNotMade() throws IOException {
        try (FileStore store = FileStore.open(file())) {
            store.workspaces().create(new NewWorkspace("One", "one"));
            // A directory where the temporary file goes makes the next write fail.
            Files.createDirectories(sibling(".tmp").resolve("blocker"));

            assertThatThrownBy(() -> store.workspaces().create(new NewWorkspace("Two", "two")))
                    .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
                    .hasMessageContaining("cannot write the store file " + file().toAbsolutePath())
                    .hasMessageContaining("the change was not made");
            assertThat(store.workspaces().list()).extracting(Workspace::stub).containsExactly("one");

            Files.delete(sibling(".tmp").resolve("blocker"));
            Files.delete(sibling(".tmp"));
            store.workspaces().create(new NewWorkspace("Three", "three"));
        }
        try (FileStore reopened = FileStore.open(file())) {
            assertThat(reopened.workspaces().list()).extracting(Workspace::stub).containsExactly("one", "three");
        }
    }

    @Test
    void aValueTheFileCannotHoldIsRefusedAndNothingChanges() {
        try (FileStore store = FileStore.open(file())) {
            assertThatThrownBy(() -> store.workspaces().create(
                    NewWorkspace.of("Odd", "odd", Map.of("price", new BigDecimal("1.50")))))
                    .isInstanceOfSatisfying(PaasmakerException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                    .hasMessageContaining("java.math.BigDecimal");
            assertThat(store.workspaces().list()).isEmpty();
            assertThat(store.workspaces().create(new NewWorkspace("Even", "even")).id().value()).isEqualTo(1);
        }
    }

    @Test
    void onlyOneStoreAtATimeHasTheFile() {
        try (FileStore first = FileStore.open(file())) {
            assertThatThrownBy(() -> FileStore.open(file()))
                    .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                    .hasMessageContaining("in use by another engine");
            first.workspaces().create(new NewWorkspace("One", "one"));
        }
        try (FileStore second = FileStore.open(file())) {
            assertThat(second.workspaces().list()).hasSize(1);
        }
    }

    @Test
    void aClosedStoreRefusesCalls() {
        FileStore store = FileStore.open(file());
        store.close();
        assertThatThrownBy(() -> store.workspaces().list()).hasMessageContaining("is closed");
    }
}
