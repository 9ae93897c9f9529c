package org.paasmaker.engine.process;

import java.nio.file.Path;

/**
 * The Java the engine runs on. The JVMs the engine starts (the router, its archive's training run,
 * a static instance's file server) run this one: they run the engine's own jars, built for it, and
 * an archive of classes made by one Java is of no use to another. The java runtime offers it among
 * the JDKs it finds.
 */
public final class EngineJava {

    private EngineJava() {
    }

    /** Its home directory ({@code java.home}). */
    public static Path home() {
        return Path.of(System.getProperty("java.home"));
    }

    /** Its {@code java} launcher. */
    public static String executable() {
        return home().resolve("bin").resolve("java").toString();
    }
}
