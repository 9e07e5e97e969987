package org.stoa.server.stream;

/** What a connection's live queue holds: an account's own event, or an entry of a channel it follows. */
sealed interface Outbound permits StreamEvent, ChannelFrame {}
