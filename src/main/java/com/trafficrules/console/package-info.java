/**
 * The console: server-rendered pages at {@code /console} over the same services the HTTP API calls, so a person
 * and a client see one history. Nothing here is a second source of truth, and no job depends on it.
 */
package com.trafficrules.console;
