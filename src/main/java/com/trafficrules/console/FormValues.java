package com.trafficrules.console;

/** What a form field sends: an empty or blank field means the field was left out. */
final class FormValues {

    private FormValues() {
    }

    /** The value without surrounding blanks; null for an absent, empty or blank field. */
    static String given(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
