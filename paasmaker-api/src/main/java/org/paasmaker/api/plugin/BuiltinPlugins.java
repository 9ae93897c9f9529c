package org.paasmaker.api.plugin;

import static org.paasmaker.api.plugin.ParameterType.INTEGER;
import static org.paasmaker.api.plugin.ParameterType.MAP;
import static org.paasmaker.api.plugin.ParameterType.STRING;
import static org.paasmaker.api.plugin.ParameterType.STRING_LIST;
import static org.paasmaker.api.plugin.PluginParameter.optional;
import static org.paasmaker.api.plugin.PluginParameter.required;

import java.util.Comparator;
import java.util.List;

/**
 * The plugins that ship with Paasmaker for Java, under the original Paasmaker's names. Their
 * parameters are part of manifest format 1, so they are declared here in the vocabulary: the engine's
 * implementations return these descriptors, and a command line with no server at hand validates
 * manifests against {@link #catalog()}.
 */
public final class BuiltinPlugins {

    private static final List<PluginParameter> LAUNCHED_RUNTIME = List.of(
            required("launch_command", STRING,
                    "The command that starts the instance; %(port)d becomes its TCP port, %% a literal %."),
            optional("start_timeout", INTEGER, 20L,
                    "Seconds the instance has to start listening on its port."),
            optional("standalone_wait", INTEGER, 5L,
                    "Seconds a standalone instance must stay up to count as running."));

    private static final List<PluginParameter> COMMANDS = List.of(
            required("commands", STRING_LIST, "Shell commands, run as one bash script with set -xe and pipefail."));

    private static final List<PluginParameter> LOCATION = List.of(
            required("location", STRING, "Where the source is: a path or a URL."));

    public static final PluginDescriptor RUNTIME_SHELL = new PluginDescriptor("paasmaker.runtime.shell",
            PluginRole.RUNTIME, "Runs any command that listens on the port it is given.", LAUNCHED_RUNTIME);
    public static final PluginDescriptor RUNTIME_JAVA = new PluginDescriptor("paasmaker.runtime.java",
            PluginRole.RUNTIME, "Like the shell runtime, with the chosen JDK first on the PATH and as JAVA_HOME.",
            LAUNCHED_RUNTIME);
    public static final PluginDescriptor RUNTIME_PYTHON = new PluginDescriptor("paasmaker.runtime.python",
            PluginRole.RUNTIME, "Like the shell runtime, with the chosen Python first on the PATH.", LAUNCHED_RUNTIME);
    public static final PluginDescriptor RUNTIME_NODE = new PluginDescriptor("paasmaker.runtime.node",
            PluginRole.RUNTIME, "Like the shell runtime, with the chosen Node.js first on the PATH.", LAUNCHED_RUNTIME);
    public static final PluginDescriptor RUNTIME_NODE_NVM = new PluginDescriptor("paasmaker.runtime.node.nvm",
            PluginRole.RUNTIME, "The original's name for the Node.js runtime: the same versions and parameters.",
            LAUNCHED_RUNTIME);
    public static final PluginDescriptor RUNTIME_RUBY = new PluginDescriptor("paasmaker.runtime.ruby",
            PluginRole.RUNTIME, "Like the shell runtime, with the chosen Ruby first on the PATH (for prepare and"
            + " startup commands too, so bundle install uses it).", LAUNCHED_RUNTIME);
    public static final PluginDescriptor RUNTIME_RUBY_RBENV = new PluginDescriptor("paasmaker.runtime.ruby.rbenv",
            PluginRole.RUNTIME, "The original's name for the Ruby runtime: the same versions and parameters.",
            LAUNCHED_RUNTIME);
    public static final PluginDescriptor RUNTIME_PHP = new PluginDescriptor("paasmaker.runtime.php",
            PluginRole.RUNTIME, "Serves PHP and the other files under a document root with an nginx and a php-fpm of"
            + " the chosen version per instance.", List.of(
                    required("document_root", STRING, "The folder to serve, relative to the code's root.")));
    public static final PluginDescriptor RUNTIME_STATIC = new PluginDescriptor("paasmaker.runtime.static",
            PluginRole.RUNTIME, "Serves the files under a document root.", List.of(
                    required("document_root", STRING, "The folder to serve, relative to the code's root.")));

    public static final PluginDescriptor PREPARE_SHELL = new PluginDescriptor("paasmaker.prepare.shell",
            PluginRole.PREPARE, "Runs shell commands in the working copy before it is packed.", COMMANDS);
    public static final PluginDescriptor PREPARE_PYTHONPIP = new PluginDescriptor("paasmaker.prepare.pythonpip",
            PluginRole.PREPARE, "Makes a Python virtualenv in the code and installs its requirements with pip; the"
            + " instances run with it active.", List.of(
                    required("virtualenv_name", STRING, "The virtualenv's directory, relative to the code's root."),
                    optional("requirements_name", STRING, "requirements.txt",
                            "The requirements file, relative to the code's root; without one only pip is installed.")));
    public static final PluginDescriptor STARTUP_SHELL = new PluginDescriptor("paasmaker.startup.shell",
            PluginRole.STARTUP, "Runs shell commands in the instance directory before the instance starts.",
            COMMANDS);
    public static final PluginDescriptor STARTUP_FILESYSTEMLINKER = new PluginDescriptor(
            "paasmaker.startup.filesystemlinker", PluginRole.STARTUP,
            "Links directories of the instance to the application's filesystem service, so files written there"
            + " outlive a new version.", List.of(
                    required("directories", STRING_LIST,
                            "Directories relative to the code's root (such as uploads) to keep in the filesystem"
                            + " service; files the code ships there seed it where it has none of that name.")));

    public static final PluginDescriptor PLACEMENT_DEFAULT = new PluginDescriptor("paasmaker.placement.default",
            PluginRole.PLACEMENT, "Spreads instances over the nodes that have the runtime, fewest instances first.",
            List.of(optional("tags", MAP, "Node tags an eligible node must have.")));

    public static final PluginDescriptor SERVICE_PARAMETERS = new PluginDescriptor("paasmaker.service.parameters",
            PluginRole.SERVICE, "Hands the manifest's parameters to the application as the service's credentials.",
            List.of(), true);
    public static final PluginDescriptor SERVICE_FILESYSTEM = new PluginDescriptor("paasmaker.service.filesystem",
            PluginRole.SERVICE, "A persistent directory per application service, shared by its versions on a node.",
            List.of());

    public static final PluginDescriptor SERVICE_POSTGRES = new PluginDescriptor("paasmaker.service.postgres",
            PluginRole.SERVICE, "A PostgreSQL database and role of its own per application service (protocol pgsql),"
            + " on the platform's managed server or an operator's.", List.of());
    public static final PluginDescriptor SERVICE_MYSQL = new PluginDescriptor("paasmaker.service.mysql",
            PluginRole.SERVICE, "A MySQL database and user of their own per application service (protocol mysql),"
            + " on the platform's managed MariaDB server or an operator's MariaDB server.", List.of());
    public static final PluginDescriptor SERVICE_MANAGEDREDIS = new PluginDescriptor("paasmaker.service.managedredis",
            PluginRole.SERVICE, "A redis-server of its own per application service (protocol redis), run by the"
            + " platform on 127.0.0.1 with a password.", List.of());

    public static final PluginDescriptor SCM_GIT = new PluginDescriptor("paasmaker.scm.git", PluginRole.SCM,
            "Clones a git repository.", List.of(
                    required("location", STRING, "The repository's URL or path."),
                    optional("branch", STRING,
                            "The branch to check out: master when not given, or the repository's default"
                            + " branch if it has no master."),
                    optional("revision", STRING, "HEAD", "The revision to check out.")));
    public static final PluginDescriptor SCM_TARBALL = new PluginDescriptor("paasmaker.scm.tarball", PluginRole.SCM,
            "Unpacks a .tar.gz or .tgz archive.", LOCATION);
    public static final PluginDescriptor SCM_ZIP = new PluginDescriptor("paasmaker.scm.zip", PluginRole.SCM,
            "Unpacks a .zip archive.", LOCATION);
    public static final PluginDescriptor SCM_DIRECTORY = new PluginDescriptor("paasmaker.scm.directory",
            PluginRole.SCM, "Copies a directory on the server.", LOCATION);
    public static final PluginDescriptor SCM_DEVDIRECTORY = new PluginDescriptor("paasmaker.scm.devdirectory",
            PluginRole.SCM, "Copies a directory on the server, for development (the original's name).", LOCATION);

    private static final List<PluginDescriptor> ALL = List.of(
            RUNTIME_SHELL, RUNTIME_JAVA, RUNTIME_PYTHON, RUNTIME_NODE, RUNTIME_NODE_NVM, RUNTIME_RUBY,
            RUNTIME_RUBY_RBENV, RUNTIME_PHP, RUNTIME_STATIC,
            PREPARE_SHELL, PREPARE_PYTHONPIP, STARTUP_SHELL, STARTUP_FILESYSTEMLINKER, PLACEMENT_DEFAULT,
            SERVICE_PARAMETERS, SERVICE_FILESYSTEM,
            SERVICE_POSTGRES, SERVICE_MYSQL, SERVICE_MANAGEDREDIS,
            SCM_GIT, SCM_TARBALL, SCM_ZIP, SCM_DIRECTORY, SCM_DEVDIRECTORY);

    private static final PluginCatalog CATALOG = role -> ALL.stream()
            .filter(p -> p.role() == role)
            .sorted(Comparator.comparing(PluginDescriptor::name))
            .toList();

    private BuiltinPlugins() {
    }

    /** Every built-in plugin. */
    public static List<PluginDescriptor> all() {
        return ALL;
    }

    /** The standard edition's catalog: every built-in plugin enabled. */
    public static PluginCatalog catalog() {
        return CATALOG;
    }
}
