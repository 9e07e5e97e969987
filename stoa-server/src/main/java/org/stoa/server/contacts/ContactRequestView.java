package org.stoa.server.contacts;

import java.time.Instant;
import org.stoa.server.accounts.AccountRef;

public record ContactRequestView(long id, AccountRef from, AccountRef to, String status, Instant createdAt, Instant decidedAt) {}
