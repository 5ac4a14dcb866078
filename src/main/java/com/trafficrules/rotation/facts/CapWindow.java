package com.trafficrules.rotation.facts;

public enum CapWindow {
    HOUR, DAY
}
