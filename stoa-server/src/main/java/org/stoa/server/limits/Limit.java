package org.stoa.server.limits;

/**
 * Every limit the server enforces, by name: each is the setting {@code limits.<name>} in
 * {@code stoa.yaml} (or {@code STOA_LIMITS_...}) and a line of {@code stoa serve --help}, and each
 * refusal is a 429 naming it. The defaults are far above what a person does; they stop scripts.
 */
public enum Limit {
    MESSAGES_BURST("messagesPerAccountBurst", Kind.RATE, "30/10s",
            "messages one account may send in a burst", "messages from this account"),
    MESSAGES_SUSTAINED("messagesPerAccountSustained", Kind.RATE, "1000/1h",
            "messages one account may send, sustained", "messages from this account"),
    UPLOADS("uploadsPerAccount", Kind.RATE, "200/1h", "image uploads per account", "uploads from this account"),
    CONTACT_REQUESTS("contactRequestsPerAccount", Kind.RATE, "100/1d",
            "contact requests one account may send", "contact requests from this account"),
    REPORTS("reportsPerAccount", Kind.RATE, "10/10m", "reports one account may file", "reports from this account"),
    GROUPS("groupsPerAccount", Kind.RATE, "50/1d", "groups one account may create", "new groups from this account"),
    STREAM_TICKETS("streamTicketsPerAccount", Kind.RATE, "120/10m",
            "stream tickets one account may take", "stream tickets for this account"),
    STREAMS_PER_ACCOUNT("webSocketsPerAccount", Kind.OPEN, "20",
            "WebSocket streams one account may hold open at once", "open streams for this account"),
    STREAMS_PER_ADDRESS("webSocketsPerAddress", Kind.OPEN, "1000",
            "WebSocket streams one client address may hold open at once", "open streams from this address"),
    LOGINS("loginsPerAccount", Kind.RATE, "30/1h", "successful logins per account", "logins to this account"),
    LOGIN_FAILURES_PER_PAIR("loginFailuresPerPair", Kind.RATE, "5/15m",
            "failed logins to one account from one address, then one more per window/count",
            "failed logins to this account from this address"),
    LOGIN_FAILURES_PER_ACCOUNT("loginFailuresPerAccount", Kind.RATE, "20/15m",
            "failed logins to one account from addresses that already failed on it",
            "failed logins to this account"),
    LOGIN_FAILURES_PER_ADDRESS("loginFailuresPerAddress", Kind.RATE, "100/15m",
            "failed logins from one address, counted against accounts it already failed on",
            "failed logins from this address"),
    ACCOUNTS_PER_ADDRESS("accountsPerAddress", Kind.RATE, "20/1h", "accounts created per client address",
            "new accounts from this address"),
    TRANSPARENCY("transparencyPerAddress", Kind.RATE, "30/1m", "transparency reports served per client address",
            "transparency reports for this address"),
    ALIAS_LOOKUPS_PER_ACCOUNT("aliasLookupsPerAccount", Kind.RATE, "10/1h",
            "checks of another server's aliases per account (moves to other servers)",
            "checks of other servers' aliases from this account"),
    ALIAS_LOOKUPS_PER_HOST("aliasLookupsPerHost", Kind.RATE, "30/1h", "checks of aliases sent to any one other server",
            "checks of aliases sent to that server"),
    PROFILE_CHANGES("profileChangesPerAccount", Kind.RATE, "30/1h", "profile changes (display name, bio, avatar) per account",
            "profile changes from this account"),
    INVITES("invitesPerAccount", Kind.RATE, "50/1d", "invite links made and accepted per account",
            "invite links made or accepted by this account"),
    SESSION_CHANGES("sessionChangesPerAccount", Kind.RATE, "60/1h",
            "looks at and changes to one's own logins (sessions listed or signed out, account deletion) per account",
            "looks at and changes to this account's logins"),
    ALIAS_CHANGES("aliasChangesPerAccount", Kind.RATE, "30/1h", "aliases named and removed per account (moves)",
            "alias changes from this account"),
    MESSAGE_HIDES("messageHidesPerAccount", Kind.RATE, "600/1h", "messages one account may hide for itself (delete for me)",
            "messages hidden by this account"),
    TYPING("typingPerAccount", Kind.RATE, "30/1m", "typing notices one account may send (a client sends one every few seconds)",
            "typing notices from this account"),
    CHAT_SETTINGS("chatSettingsPerAccount", Kind.RATE, "120/1h",
            "changes to conversations per account (a group's name, description or avatar, roles, muting)",
            "conversation changes from this account"),
    GROUP_JOINS("groupJoinsPerAccount", Kind.RATE, "60/1h", "public groups one account may join",
            "groups joined by this account"),
    MESSAGE_SEARCHES("messageSearchesPerAccount", Kind.RATE, "120/1m", "searches of one's messages per account",
            "searches from this account"),
    DIRECTORY_SEARCHES("directorySearchesPerAccount", Kind.RATE, "120/1m",
            "directory searches (accounts, groups) per account", "directory searches from this account"),
    CHANNELS("channelsPerAccount", Kind.RATE, "10/1d", "channels one account may create", "new channels from this account"),
    CHANNEL_POSTS("channelPostsPerAccount", Kind.RATE, "120/1h", "channel posts one account may make",
            "channel posts from this account"),
    CHANNEL_SUBSCRIPTIONS("channelFollowsPerAccount", Kind.RATE, "300/1h",
            "channel subscriptions and unsubscriptions per account", "subscription changes from this account"),
    CHANNEL_CHANGES("channelChangesPerAccount", Kind.RATE, "60/1h", "editors added and removed per channel owner",
            "channel changes from this account"),
    CHANNEL_MODERATION("channelActionsPerModerator", Kind.RATE, "300/1h",
            "moderators' sanctions on channels and removals of channel posts, per moderator",
            "channel moderation actions from this account");

    /** A rate (token bucket) or a number open at once. */
    public enum Kind { RATE, OPEN }

    private final String name;
    private final Kind kind;
    private final String defaultValue;
    private final String help;
    private final String tooMany;

    Limit(String name, Kind kind, String defaultValue, String help, String tooMany) {
        this.name = name;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.help = help;
        this.tooMany = tooMany;
    }

    /** The limiter's name, as refusals and settings give it. */
    public String limiterName() {
        return name;
    }

    public String settingKey() {
        return "limits." + name;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String help() {
        return help;
    }

    public Kind kind() {
        return kind;
    }

    /** What there is too much of, for the refusal's detail: "too many ..." */
    String tooMany() {
        return tooMany;
    }

    /** Reads this limit's setting: {@code count/window} for a rate, a whole number for an open limit. */
    public Quota parse(String text) {
        return switch (kind) {
            case RATE -> Quota.Rate.parse(text);
            case OPEN -> Quota.Open.parse(text);
        };
    }
}
