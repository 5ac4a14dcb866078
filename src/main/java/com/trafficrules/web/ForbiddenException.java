package com.trafficrules.web;

/** The caller has the role but may not do this to this resource (403), e.g. approve their own proposal. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String detail) {
        super(detail);
    }
}
