package org.stoa.server.contacts;

import java.time.Instant;

public record ContactView(long id, String username, Instant since) {}
