package org.stoa.server.channels;

import java.time.Instant;
import org.stoa.server.accounts.AccountRef;

/**
 * A channel as anyone who may see it reads it; {@code restriction} only while a sanction is in force.
 * {@code subscribed} and {@code role} ({@code owner}, {@code editor}, absent otherwise) are the caller's.
 */
public record ChannelView(long id, String handle, String title, String description, ChannelVisibility visibility,
                          AccountRef owner, long subscriberCount, ChannelState state, Restriction restriction,
                          boolean subscribed, String role, Instant createdAt) {}
