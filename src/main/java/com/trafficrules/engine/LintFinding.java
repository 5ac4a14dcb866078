package com.trafficrules.engine;

/** A construct a proposed DRL file may not use, where it is and why. */
public record LintFinding(String path, int line, String message) {

    @Override
    public String toString() {
        return path + ":" + line + " " + message;
    }
}
