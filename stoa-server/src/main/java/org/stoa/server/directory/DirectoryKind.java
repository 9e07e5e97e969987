package org.stoa.server.directory;

/** What an entry of the directory is, stored as its {@link #code} in {@code directory_terms.kind}. */
public enum DirectoryKind {
    ACCOUNT(1), GROUP(2);

    private final int code;

    DirectoryKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
