package org.stoa.server.export;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.stoa.server.accounts.Account;
import org.stoa.server.accounts.AccountRef;
import org.stoa.server.accounts.AccountStore;
import org.stoa.server.conversations.ConversationStore;
import org.stoa.server.conversations.ConversationType;
import org.stoa.server.conversations.ConversationView;
import org.stoa.server.export.ConversationSection.Joined;

/**
 * Writes one account's archive: its people, conversations and images, and moderation, read in one
 * read transaction (the archive is a snapshot), then the offline viewer, the signed manifest and
 * the seal.
 */
public final class AccountArchive {

    private final Jdbi reads;
    private final AccountStore accounts;
    private final ConversationStore conversations;
    private final PeopleSection people;
    private final ConversationSection chats;
    private final ModerationSection moderation;
    private final ServerKey key;
    private final Clock clock;

    public AccountArchive(Jdbi reads, AccountStore accounts, ConversationStore conversations, PeopleSection people,
                   ConversationSection chats, ModerationSection moderation, ServerKey key, Clock clock) {
        this.reads = reads;
        this.accounts = accounts;
        this.conversations = conversations;
        this.people = people;
        this.chats = chats;
        this.moderation = moderation;
        this.key = key;
        this.clock = clock;
    }

    /** Writes the archive of {@code accountId} to {@code file}, with {@code viewerFile} as the viewer's scratch file. */
    Seal.Sealed write(long accountId, Path file, Path viewerFile, ExportProgress progress) throws IOException {
        Instant createdAt = clock.instant();
        return reads.inTransaction(h -> {
            Account account = accounts.findById(h, accountId).orElseThrow(() -> new IOException("account " + accountId + " is gone"));
            List<Joined> joined = conversations.membershipsOf(h, accountId).stream()
                    .map(m -> new Joined(m, conversations.view(h, m.conversationId()))).toList();
            List<ConversationView> groups = joined.stream().map(Joined::view).filter(v -> v.type() == ConversationType.GROUP).toList();
            try (ArchiveWriter zip = ArchiveWriter.create(file, createdAt);
                 ViewerPage page = ViewerPage.create(viewerFile, account, createdAt)) {
                people.write(account, accounts.profile(h, accountId).orElseThrow(), createdAt, groups, zip, page);
                chats.write(h, account, joined, zip, page, progress);
                moderation.write(h, account, zip, page);
                zip.text("index.html", page.finish());
                return zip.finish(new AccountRef(account.id(), account.username()), createdAt, key);
            }
        });
    }
}
