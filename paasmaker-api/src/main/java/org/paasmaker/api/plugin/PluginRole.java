package org.paasmaker.api.plugin;

/** What a plugin does; each manifest position accepts plugins of one role only. */
public enum PluginRole {
    SCM("source"),
    PREPARE("prepare command"),
    RUNTIME("runtime"),
    STARTUP("startup command"),
    PLACEMENT("placement"),
    SERVICE("service");

    private final String label;

    PluginRole(String label) {
        this.label = label;
    }

    /** The role in words, for messages: "runtime", "prepare command". */
    public String label() {
        return label;
    }
}
