package com.trafficrules.rotation.facts;

/** How bad a fault is: only CRITICAL makes a log invalid. */
public enum Severity {
    INFO, WARNING, CRITICAL
}
