package org.paasmaker.war.rest;

import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;

/**
 * Says what was wrong with a body JSON-B could not read, without class names or stack frames: the
 * parser's own message says where the JSON breaks.
 */
final class BadBodies {

    private BadBodies() {
    }

    static boolean isBadBody(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonParsingException || cause instanceof JsonbException) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonParsingException parsing) {
                return "the body is not valid JSON: " + parsing.getMessage();
            }
        }
        return "the body is not the JSON this path takes; see /openapi for its shape";
    }
}
