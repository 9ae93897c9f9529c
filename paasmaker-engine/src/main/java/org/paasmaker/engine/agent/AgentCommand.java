package org.paasmaker.engine.agent;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.paasmaker.api.error.PaasmakerException;

/** {@code java -jar paasmaker-engine.jar agent ...}: a node agent until Ctrl-C (or SIGTERM). */
public final class AgentCommand {

    public static final String USAGE = String.join(System.lineSeparator(),
            "       java -jar paasmaker-engine.jar agent --controller URL[,URL...] --token-file FILE",
            "            [--address ADDRESS] [--home DIR] [--name NAME] [--tag KEY=VALUE]... [--ports FIRST-LAST]",
            "            [--port PORT]",
            "  agent    run this machine's node for a controller on another machine; its instances keep",
            "           running when it stops",
            AgentSettings.USAGE);

    private AgentCommand() {
    }

    /**
     * @param untilStopped blocks while the agent serves
     * @return the exit status: 0, 2 for bad options, else the failure's code's
     */
    public static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err,
            Runnable untilStopped) {
        if (args.equals(List.of(AgentTraining.OPTION))) {
            return AgentTraining.run();
        }
        return run(args, environment, out, err, agent -> untilStopped.run());
    }

    /** @param serving runs once the agent serves, and blocks while it should */
    static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err,
            Consumer<NodeAgent> serving) {
        AgentSettings settings;
        try {
            settings = AgentSettings.parse(args, environment);
        } catch (PaasmakerException e) {
            err.println(e.getMessage() + System.lineSeparator() + USAGE);
            return 2;
        }
        try (NodeAgent agent = NodeAgent.start(settings, line -> {
            out.println(Instant.now() + " " + line);
            out.flush();
        })) {
            out.println(Instant.now() + " Node agent " + agent.name() + " serves at " + agent.url() + " from "
                    + settings.home() + "; its instances at " + settings.address() + ", ports " + settings.ports());
            out.flush();
            serving.accept(agent);
            return 0;
        } catch (PaasmakerException e) {
            err.println(e.getMessage());
            return e.code().exitCode();
        }
    }
}
