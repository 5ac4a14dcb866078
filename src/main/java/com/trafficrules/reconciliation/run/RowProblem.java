package com.trafficrules.reconciliation.run;

/**
 * A row left out of a run, with the code saying why and the field it concerns.
 *
 * @param source {@code planned} or {@code asRun}
 * @param index  the row's place in its list (0-based), or its line in a file (1-based)
 */
public record RowProblem(String source, int index, String code, String detail) {
}
