package io.cascaderadar.jobs.config;

import java.io.Serializable;

/**
 * Every parameter of the detector, typed, with documented defaults.
 *
 * @param eventTimeClock true to stamp {@code emittedAt} with the event time of the detection (replay, so that
 *     the same input gives byte-identical alerts), false for the wall clock (live)
 */
public record DetectorConfig(EventTimeConfig eventTime, IntensityConfig intensity, OpenInterestConfig openInterest,
        PatternConfig patterns, boolean eventTimeClock) implements Serializable {

    public static DetectorConfig live() {
        return new DetectorConfig(EventTimeConfig.live(), IntensityConfig.defaults(), OpenInterestConfig.defaults(),
                PatternConfig.defaults(), false);
    }

    public static DetectorConfig replay() {
        return new DetectorConfig(EventTimeConfig.replay(), IntensityConfig.defaults(), OpenInterestConfig.defaults(),
                PatternConfig.defaults(), true);
    }

    public DetectorConfig withIntensity(IntensityConfig value) {
        return new DetectorConfig(eventTime, value, openInterest, patterns, eventTimeClock);
    }

    public DetectorConfig withEventTime(EventTimeConfig value) {
        return new DetectorConfig(value, intensity, openInterest, patterns, eventTimeClock);
    }
}
