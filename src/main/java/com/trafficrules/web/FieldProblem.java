package com.trafficrules.web;

/** One thing wrong with a request, named by its JSON path, e.g. {@code spots[2].lengthMs}. */
public record FieldProblem(String field, String message) {
}
