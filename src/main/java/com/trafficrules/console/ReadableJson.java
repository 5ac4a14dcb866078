package com.trafficrules.console;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A stored request or outcome as a person reads it: its plain fields as a list of names and values, and each list
 * of objects in it (faults, spots, placements, results, items ...) as a table with a column per field. Whatever is
 * nested deeper is shown as compact JSON in its cell. Every value is text for the template to escape.
 */
record ReadableJson(List<Field> fields, List<Table> tables) {

    record Field(String name, String value) {
    }

    record Table(String name, List<String> columns, List<List<String>> rows) {
    }

    static ReadableJson of(JsonNode document) {
        List<Field> fields = new ArrayList<>();
        List<Table> tables = new ArrayList<>();
        if (document != null && document.isObject()) {
            for (Map.Entry<String, JsonNode> entry : document.properties()) {
                JsonNode value = entry.getValue();
                if (value.isArray() && !value.isEmpty() && allObjects(value)) {
                    tables.add(table(entry.getKey(), value));
                } else {
                    fields.add(new Field(entry.getKey(), text(value)));
                }
            }
        }
        return new ReadableJson(fields, tables);
    }

    private static boolean allObjects(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.isObject()) {
                return false;
            }
        }
        return true;
    }

    private static Table table(String name, JsonNode array) {
        Set<String> columns = new LinkedHashSet<>();
        array.forEach(element -> columns.addAll(element.propertyNames()));
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode element : array) {
            rows.add(columns.stream().map(column -> text(element.get(column))).toList());
        }
        return new Table(name, List.copyOf(columns), rows);
    }

    /** A scalar as its text, null and absent as nothing, a list of scalars joined by commas, anything else as JSON. */
    private static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        if (value.isValueNode()) {
            return value.asString();
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode element : value) {
                if (!element.isValueNode()) {
                    return value.toString();
                }
                parts.add(element.asString());
            }
            return String.join(", ", parts);
        }
        return value.toString();
    }
}
