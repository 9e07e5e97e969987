package org.stoa.server.media;

/** What an upload is: an image (shown in the chat) or a file (downloaded, never shown inline). */
public enum MediaKind {
    IMAGE, FILE
}
