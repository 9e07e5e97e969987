package org.stoa.server.stream;

/** A frame that is in no log (typing, a group member's read marker): sent once, live, never replayed. */
record TransientFrame(String frame) implements Outbound {}
