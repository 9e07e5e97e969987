package org.stoa.server.accounts;

public enum Role {
    USER, MODERATOR, ADMIN
}
