package org.stoa.server.limits;

import java.time.Duration;
import java.util.Optional;

/**
 * Where the limiters keep their counts. {@link LocalLimitStore}, in this process's memory, is right
 * for one server; several servers behind one address share a store on a common server instead, so
 * this is the whole of what a shared store has to do. Keys arrive already namespaced by limiter.
 */
public interface LimitStore {

    /** Takes one permit from {@code key}'s bucket; empty when taken, else how long until one is free. */
    Optional<Duration> tryTake(String key, Quota.Rate rate);

    /** How long until {@code key}'s bucket holds {@code permits}; empty if it does now. Takes nothing. */
    Optional<Duration> waitFor(String key, Quota.Rate rate, int permits);

    /** Takes one permit whether or not one is left (never below zero), for what is counted after the fact. */
    void spend(String key, Quota.Rate rate);

    /** Opens one of at most {@code max} slots under {@code key}; empty when all are taken. */
    Optional<Slot> tryOpen(String key, int max);

    /** Whether a slot under {@code key} could be opened now. */
    boolean hasRoom(String key, int max);

    /** An open slot; closing it again does nothing. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }
}
