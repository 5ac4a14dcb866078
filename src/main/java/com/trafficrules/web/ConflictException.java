package com.trafficrules.web;

/** The request conflicts with what is already stored: answered 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String detail) {
        super(detail);
    }
}
