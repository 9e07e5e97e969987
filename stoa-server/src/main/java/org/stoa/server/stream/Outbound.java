package org.stoa.server.stream;

/** What a connection's live queue holds: an account's own event, an entry of a channel it follows, or a transient frame. */
sealed interface Outbound permits StreamEvent, ChannelFrame, TransientFrame {}
