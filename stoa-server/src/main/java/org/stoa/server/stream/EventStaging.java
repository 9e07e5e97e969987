package org.stoa.server.stream;

/**
 * Which table the writer appends new stream events to; chosen once by the server for its
 * database engine. Readers read both tables ({@link EventLog}), so where an event waits is never
 * visible to a client.
 *
 * <p>A group message is an event per member, each in its account's part of {@code events}
 * (clustered by account and eventSeq), so one commit touches a page per member. SQLite's log
 * writes every page a commit touches whole: at 1,200 group messages a second those pages were 58 %
 * of the log. There events go to {@code events_recent} first ({@link RecentEvents}), which took a
 * fifth off the writer's CPU. PostgreSQL's log records rows, not pages, so it appends to
 * {@code events} directly.
 */
public sealed interface EventStaging extends AutoCloseable permits EventStaging.Direct, RecentEvents {

    /** Appends go straight to {@code events}. */
    static EventStaging direct() {
        return new Direct();
    }

    /** The table new events are inserted into. */
    String table();

    /** Called in the writer's transaction that appended events. */
    void appended();

    /** Returns once every event appended before the call is in {@code events} (before pruning it by age, say). */
    void settle();

    @Override
    void close();

    /** Nothing waits anywhere: {@link #settle} has nothing to do. */
    record Direct() implements EventStaging {
        @Override
        public String table() {
            return "events";
        }

        @Override
        public void appended() {}

        @Override
        public void settle() {}

        @Override
        public void close() {}
    }
}
