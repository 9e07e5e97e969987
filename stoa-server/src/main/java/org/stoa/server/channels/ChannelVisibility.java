package org.stoa.server.channels;

/** Who finds a channel: {@code public} ones are listed in the directory, {@code unlisted} ones only reached by their link. */
public enum ChannelVisibility {
    PUBLIC, UNLISTED
}
