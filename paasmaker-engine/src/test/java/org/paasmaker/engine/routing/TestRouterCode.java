package org.paasmaker.engine.routing;

/**
 * The router's code for tests: the router module is on the tests' class path (its jar is made only
 * when the build packages), so a router process runs its main class from that class path.
 */
public final class TestRouterCode {

    public static final String CLASS_PATH = System.getProperty("java.class.path");

    private TestRouterCode() {
    }

    public static RouterCode classPath() {
        return RouterCode.classPath(CLASS_PATH);
    }
}
