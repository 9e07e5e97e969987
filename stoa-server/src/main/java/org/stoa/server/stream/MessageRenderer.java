package org.stoa.server.stream;

import java.util.Collection;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Renders messages as event data by id. Message events store only the message's id, so a
 * replayed event shows the message as it is now (e.g. recalled) and fan-out to a group writes
 * a few bytes per member instead of a copy of the message.
 */
@FunctionalInterface
public interface MessageRenderer {
    Map<Long, String> render(Handle handle, Collection<Long> messageIds);
}
