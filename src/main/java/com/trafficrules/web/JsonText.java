package com.trafficrules.web;

import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;

/** JSON as text for a column, for documents that can run to megabytes (a run of 50,000 rows, its decision). */
public final class JsonText {

    private JsonText() {
    }

    /**
     * The JSON of {@code value}. Written as UTF-8 bytes and decoded once: {@code writeValueAsString} buffers the text
     * as chars, then joins the buffers into one more array of chars before the String, three times the document's
     * size where this takes two.
     */
    public static String of(JsonMapper json, Object value) {
        return new String(json.writeValueAsBytes(value), StandardCharsets.UTF_8);
    }
}
