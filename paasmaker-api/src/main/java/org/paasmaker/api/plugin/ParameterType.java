package org.paasmaker.api.plugin;

/** The shape a plugin parameter's value must have in a manifest. */
public enum ParameterType {
    /** A scalar; numbers and booleans are taken as their text, as the original Paasmaker did. */
    STRING("a string"),
    INTEGER("a whole number"),
    BOOLEAN("true or false"),
    STRING_LIST("a list of strings"),
    MAP("a map");

    private final String description;

    ParameterType(String description) {
        this.description = description;
    }

    /** "a whole number": completes "must be ...". */
    public String description() {
        return description;
    }
}
