package org.paasmaker.client.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.paasmaker.api.rest.WorkspaceJson;
import org.paasmaker.api.rest.WorkspaceRequest;
import org.paasmaker.client.PaasmakerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code paasmaker workspace list|show|create|update|delete}. */
@Command(name = "workspace", description = "Workspaces: groups of applications (dev, production, ...).",
        subcommands = {WorkspaceCommand.ListWorkspaces.class, WorkspaceCommand.Show.class, WorkspaceCommand.Create.class,
            WorkspaceCommand.Update.class, WorkspaceCommand.Delete.class})
final class WorkspaceCommand {

    @Command(name = "list", description = "List the workspaces.")
    static final class ListWorkspaces extends ServerCommand {

        @Override
        int run(PaasmakerClient client) {
            List<WorkspaceJson> workspaces = client.workspaces().list();
            print(workspaces, () -> {
                if (workspaces.isEmpty()) {
                    out().println("No workspaces yet; create one with: paasmaker workspace create Development --stub dev");
                    return;
                }
                Table table = new Table("ID", "STUB", "NAME", "TAGS");
                workspaces.forEach(ws -> table.row(ws.id(), ws.stub(), ws.name(), Render.tags(ws.tags())));
                table.print(out());
            });
            return 0;
        }
    }

    @Command(name = "show", description = "Show a workspace.")
    static final class Show extends ServerCommand {

        @Parameters(paramLabel = "WS", description = "The workspace's stub or id.")
        String workspace;

        @Override
        int run(PaasmakerClient client) {
            WorkspaceJson ws = client.workspaces().get(workspace);
            print(ws, () -> printWorkspace(ws));
            return 0;
        }

        private void printWorkspace(WorkspaceJson ws) {
            Render.fields(out(), "Id", ws.id(), "Name", ws.name(), "Stub", ws.stub(), "Tags", Render.tags(ws.tags()));
        }
    }

    @Command(name = "create", description = "Create a workspace.")
    static final class Create extends ServerCommand {

        @Parameters(paramLabel = "NAME", description = "Its name, for people: Development.")
        String name;

        @Option(names = "--stub", required = true, paramLabel = "STUB",
                description = "Its short name, part of its applications' hostnames: dev.")
        String stub;

        @Option(names = "--tag", paramLabel = "KEY=VALUE",
                description = "A tag its applications read in PM_METADATA (RAILS_ENV=development); repeat for more.")
        Map<String, String> tags = new LinkedHashMap<>();

        @Override
        int run(PaasmakerClient client) {
            WorkspaceJson created = client.workspaces().create(new WorkspaceRequest(name, stub, Map.copyOf(tags)));
            print(created, () -> out().println("Created workspace " + created.stub() + " (" + created.name() + ", id "
                    + created.id() + ")."));
            return 0;
        }
    }

    @Command(name = "update", description = "Rename a workspace, change its stub or its tags.")
    static final class Update extends ServerCommand {

        @Parameters(paramLabel = "WS", description = "The workspace's stub or id.")
        String workspace;

        @Option(names = "--name", paramLabel = "NAME", description = "A new name.")
        String name;

        @Option(names = "--stub", paramLabel = "STUB", description = "A new stub (its applications' hostnames change).")
        String stub;

        @Option(names = "--tag", paramLabel = "KEY=VALUE",
                description = "Set a tag (KEY= removes it); repeat for more. Other tags stay.")
        Map<String, String> tags = new LinkedHashMap<>();

        @Override
        int run(PaasmakerClient client) {
            WorkspaceJson current = client.workspaces().get(workspace);
            Map<String, Object> merged = new LinkedHashMap<>(current.tags() == null ? Map.of() : current.tags());
            tags.forEach((key, value) -> {
                if (value == null || value.isEmpty()) {
                    merged.remove(key);
                } else {
                    merged.put(key, value);
                }
            });
            WorkspaceJson updated = client.workspaces().update(workspace, new WorkspaceRequest(
                    name == null ? current.name() : name, stub == null ? current.stub() : stub, merged));
            print(updated, () -> out().println("Updated workspace " + updated.stub() + " (" + updated.name() + ", id "
                    + updated.id() + ")."));
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete a workspace that has no applications left.")
    static final class Delete extends ServerCommand {

        @Parameters(paramLabel = "WS", description = "The workspace's stub or id.")
        String workspace;

        @Override
        int run(PaasmakerClient client) {
            client.workspaces().delete(workspace);
            if (human()) {
                out().println("Deleted workspace " + workspace + ".");
            }
            return 0;
        }
    }
}
