package com.trafficrules.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A stretch of time drawn as a server-rendered SVG: bars placed by their start and length on a fixed-width axis,
 * in lanes, with ticks. Positions are computed here so the template only writes numbers and escaped text.
 */
record Timeline(List<Bar> bars, List<Tick> ticks, int lanes) {

    /**
     * Positions are percentages of the drawing's width, so it fills its box at any width without stretching its
     * text; heights are pixels.
     */
    static final double WIDTH = 100;
    static final int LANE_HEIGHT = 28;

    /** What to draw: {@code kind} picks its colour (a CSS class), {@code title} is its hover text. */
    record Item(Instant start, long durationMs, int lane, String kind, String title) {
    }

    record Bar(double x, double width, double y, String kind, String title) {
    }

    record Tick(double x, String label) {
    }

    /** The axis is labelled {@code ticks} times on the clock {@code clock} turns an instant into. */
    static Timeline of(Instant from, Instant to, List<Item> items, int ticks, Function<Instant, String> clock) {
        double span = Math.max(1, Duration.between(from, to).toMillis());
        List<Bar> bars = new ArrayList<>();
        int lanes = 1;
        for (Item item : items) {
            double start = Duration.between(from, item.start()).toMillis();
            double x = Math.max(0, start) / span * WIDTH;
            double end = Math.min(span, start + item.durationMs()) / span * WIDTH;
            // A play of a few seconds in a whole day still gets a visible mark.
            double width = Math.max(0.15, end - x);
            bars.add(new Bar(round(x), round(width), item.lane() * LANE_HEIGHT, item.kind(), item.title()));
            lanes = Math.max(lanes, item.lane() + 1);
        }
        List<Tick> axis = new ArrayList<>();
        for (int i = 0; i <= ticks; i++) {
            Instant at = from.plusMillis((long) (span * i / ticks));
            axis.add(new Tick(round(WIDTH * i / ticks), clock.apply(at)));
        }
        return new Timeline(bars, axis, lanes);
    }

    /** The drawing's height in user units: its lanes and the axis under them. */
    public int height() {
        return lanes * LANE_HEIGHT + 24;
    }

    public int axisY() {
        return lanes * LANE_HEIGHT + 4;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
