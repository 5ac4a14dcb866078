package com.trafficrules.engine;

/** Where the lint's checks report what they find: a line of the DRL file and a message. */
interface Findings {
    void report(int line, String message);
}
