package com.trafficrules.web;

/**
 * The request was understood and stored, but what it carries failed its checks (422): the problem names
 * the stored result under {@code member}, e.g. the REJECTED ruleset version with its findings.
 */
public class UnprocessableException extends RuntimeException {

    private final String member;
    private final transient Object value;

    public UnprocessableException(String detail, String member, Object value) {
        super(detail);
        this.member = member;
        this.value = value;
    }

    public String member() {
        return member;
    }

    public Object value() {
        return value;
    }
}
