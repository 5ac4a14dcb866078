package com.trafficrules.web;

/** The request is fine but the resource's state does not allow it (409), e.g. approving an active version. */
public class ConflictException extends RuntimeException {

    public ConflictException(String detail) {
        super(detail);
    }
}
