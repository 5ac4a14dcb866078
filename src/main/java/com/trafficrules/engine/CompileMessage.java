package com.trafficrules.engine;

/** One problem found while checking a ruleset, located the way an editor wants it. */
public record CompileMessage(String path, int line, int column, String message) {

    @Override
    public String toString() {
        return path + ":" + line + ":" + column + " " + message;
    }
}
