package org.paasmaker.war.security;

/** Where a permission must be held: the workspace of the object a path parameter names, anywhere, or globally. */
public enum Scope {
    /** Held globally: platform-wide calls (nodes, routes, users, roles). */
    GLOBAL(""),
    /** Held globally or in some workspace: a list, which then shows only what the caller may see. */
    ANYWHERE(""),
    WORKSPACE("ws"),
    APPLICATION("app"),
    VERSION("id"),
    INSTANCE("id"),
    SERVICE("id"),
    /** A job's workspace, from its tags; a job that names none needs the permission globally. */
    JOB("id"),
    /** The user the path names: the user itself may, others need the permission globally. */
    USER("user");

    private final String parameter;

    Scope(String parameter) {
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }
}
