package com.trafficrules.reconciliation.asrun;

/**
 * A field's value that cannot be used, with the quarantine code it earns. The message says what is wrong with the
 * value; whoever knows the field's name puts it in front.
 */
public final class UnreadableValue extends Exception {

    private final Quarantined.Code code;

    public UnreadableValue(Quarantined.Code code, String problem) {
        // No stack trace: this is a verdict on input, thrown once per bad row, never a fault to debug.
        super(problem, null, false, false);
        this.code = code;
    }

    public Quarantined.Code code() {
        return code;
    }
}
