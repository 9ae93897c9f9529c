package org.paasmaker.engine.prepare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.plugin.StepContext;
import org.paasmaker.api.prepare.CommandStep;
import org.paasmaker.engine.runtime.Virtualenv;

/**
 * The original's pip step: a virtualenv named {@code virtualenv_name} in the prepared code, made by the
 * {@code python3} first on the PATH (the prepare runtime's, when the manifest names one), with the
 * requirements file {@code requirements_name} installed into it. The code is packed with it and its
 * instances run with it active ({@link Virtualenv}). Its scripts' first lines are rewritten to find
 * python on the PATH, since each instance unpacks the code elsewhere than it was prepared.
 */
final class PythonPipStep implements CommandStep {

    private static final String PLUGIN = "paasmaker.prepare.pythonpip";

    private final Optional<Path> wheels;

    PythonPipStep(Optional<Path> wheels) {
        this.wheels = wheels;
    }

    @Override
    public void run(PluginParameters parameters, StepContext step) {
        Path tree = step.workingDirectory();
        String name = parameters.string("virtualenv_name");
        Path virtualenv = inside(tree, name, "virtualenv_name");
        String requirementsName = parameters.findString("requirements_name").orElse("requirements.txt");
        Path requirements = inside(tree, requirementsName, "requirements_name");

        Map<String, String> environment = new LinkedHashMap<>(step.environment());
        environment.put("PIP_DISABLE_PIP_VERSION_CHECK", "1");
        environment.remove("PYTHONHOME");
        StepContext pip = step.with(tree, environment);
        String python = onPath(environment, "python3");
        step.log("Making the virtualenv " + name + " with " + python);
        require(pip.run(List.of(python, "-m", "venv", virtualenv.toString())), "python3 -m venv " + name);
        if (Files.isRegularFile(requirements)) {
            List<String> install = new ArrayList<>(List.of(virtualenv.resolve("bin/python").toString(),
                    "-m", "pip", "install", "--no-input", "-r", requirements.toString()));
            wheels.ifPresent(directory -> install.addAll(List.of("--no-index", "--find-links", directory.toString())));
            require(pip.run(install), "pip install -r " + requirementsName);
        } else {
            step.log("No " + requirementsName + " in the code; the virtualenv " + name + " has only pip.");
        }
        relocate(virtualenv);
        try {
            Files.writeString(tree.resolve(Virtualenv.MARKER), tree.relativize(virtualenv) + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, PLUGIN + " cannot mark the virtualenv: " + e.getMessage(), e);
        }
    }

    /** The executable as the step's PATH finds it (a process started from Java searches the engine's own). */
    private static String onPath(Map<String, String> environment, String name) {
        for (String directory : environment.getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, name))) {
                return Path.of(directory, name).toString();
            }
        }
        throw new PaasmakerException(ErrorCode.PREPARE_FAILED, PLUGIN + " finds no " + name + " on the PATH ("
                + environment.getOrDefault("PATH", "") + "); install Python 3, or name a paasmaker.runtime.python"
                + " version in the manifest's application.prepare.runtime");
    }

    private static void require(int exit, String command) {
        if (exit != 0) {
            throw new PaasmakerException(ErrorCode.PREPARE_FAILED, PLUGIN + ": '" + command + "' failed with exit code "
                    + exit + "; its output is in the job log");
        }
    }

    /** Scripts pip wrote start with the prepare directory's python; they find the active one instead. */
    private static void relocate(Path virtualenv) {
        String prepared = "#!" + virtualenv.resolve("bin") + "/";
        try (Stream<Path> scripts = Files.list(virtualenv.resolve("bin"))) {
            for (Path script : scripts.filter(Files::isRegularFile).filter(p -> !Files.isSymbolicLink(p)).toList()) {
                byte[] head = readHead(script, prepared.length());
                if (!new String(head, StandardCharsets.ISO_8859_1).equals(prepared)) {
                    continue;
                }
                String text = Files.readString(script, StandardCharsets.ISO_8859_1);
                int end = text.indexOf('\n');
                String interpreter = text.substring(prepared.length(), end).strip();
                Files.writeString(script, "#!/usr/bin/env " + interpreter + text.substring(end),
                        StandardCharsets.ISO_8859_1);
            }
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.PREPARE_FAILED, PLUGIN + " cannot adjust the scripts of "
                    + virtualenv + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readHead(Path file, int length) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return in.readNBytes(length);
        }
    }

    private static Path inside(Path tree, String name, String parameter) {
        Path path = tree.resolve(name).normalize();
        if (name.isBlank() || Path.of(name).isAbsolute() || !path.startsWith(tree) || path.equals(tree)) {
            throw new PaasmakerException(ErrorCode.INVALID_MANIFEST, PLUGIN + ": " + parameter + " '" + name
                    + "' is not a path inside the application; give a relative one such as 'env'");
        }
        return path;
    }
}
