package com.trafficrules.policy;

import java.util.regex.Pattern;

/**
 * A channel's name in paths, policies and the play log: lower-case letters, digits and '-', at most 64. A
 * path variable of this type is checked once, where the request comes in; a bad one is a 400 naming it.
 */
public record ChannelSlug(String value) {

    /** What a slug is, as a regular expression. */
    public static final String PATTERN = "[a-z0-9][a-z0-9-]{0,63}";
    private static final Pattern SLUG = Pattern.compile(PATTERN);

    public ChannelSlug {
        if (!isValid(value)) {
            throw new IllegalArgumentException("must be lower-case letters, digits and '-'");
        }
    }

    public static boolean isValid(String slug) {
        return slug != null && SLUG.matcher(slug).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
