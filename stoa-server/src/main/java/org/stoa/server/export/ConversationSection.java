package org.stoa.server.export;

import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.server.accounts.Account;
import org.stoa.server.accounts.AccountStore;
import org.stoa.server.conversations.ConversationStore.Membership;
import org.stoa.server.conversations.ConversationType;
import org.stoa.server.conversations.ConversationView;
import org.stoa.server.conversations.MemberView;
import org.stoa.server.conversations.MessageStatus;
import org.stoa.server.conversations.MessageStore;
import org.stoa.server.conversations.MessageView;
import org.stoa.server.http.Json;
import org.stoa.server.media.MediaFiles;
import org.stoa.server.media.MediaStore;
import org.stoa.server.media.MediaStore.StoredImage;

/**
 * The account's conversations: {@code conversations/<id>.jsonl} for each one it is in, every
 * message it can read oldest first (with sender usernames, times, recalled and moderation states,
 * and its own messages still held for review), {@code conversations.json} listing them, and
 * {@code media/} with every image in them, each stored image once under its SHA-256. Messages and
 * images are read a page at a time, so the archive's size never decides the memory it takes.
 */
public final class ConversationSection {

    private static final Logger log = LoggerFactory.getLogger(ConversationSection.class);
    private static final int PAGE = 500;
    private static final ObjectWriter LINE = Json.MAPPER.writer();

    /** One line of a conversation's file. */
    record Line(long id, Long seq, String sender, Instant sentAt, MessageStatus status, String text, Media media,
                Instant recalledAt, MessageView.Moderation moderation) {}

    /** An image in a message: its file in the archive. */
    record Media(String file, String contentType, int width, int height) {}

    /** A conversation in {@code conversations.json}: {@code with} names the other person of a direct chat. */
    record Listed(long id, ConversationType type, String title, String with, String file, long messages) {}

    private final MessageStore messages;
    private final MediaStore media;
    private final MediaFiles mediaFiles;
    private final AccountStore accounts;

    public ConversationSection(MessageStore messages, MediaStore media, MediaFiles mediaFiles, AccountStore accounts) {
        this.messages = messages;
        this.media = media;
        this.mediaFiles = mediaFiles;
        this.accounts = accounts;
    }

    /** A conversation the account is in: its membership (from when it reads) and the conversation with its members. */
    record Joined(Membership membership, ConversationView view) {}

    void write(Handle h, Account account, List<Joined> joined, ArchiveWriter zip, ViewerPage page, ExportProgress progress)
            throws IOException {
        for (Joined j : joined) progress.expect(Math.max(0, j.view().lastSeq() - j.membership().joinedSeq()));
        progress.expect(media.countInConversationsOf(h, account.id()));

        Usernames usernames = new Usernames(h);
        List<Listed> listed = new ArrayList<>();
        page.conversationsStart();
        for (Joined j : joined) listed.add(conversation(h, account, j.membership(), j.view(), usernames, zip, page, progress));
        page.conversationsEnd(listed.isEmpty());
        zip.json("conversations.json", listed);
        images(h, account, zip, progress);
    }

    private Listed conversation(Handle h, Account account, Membership m, ConversationView v, Usernames usernames, ArchiveWriter zip,
                                ViewerPage page, ExportProgress progress) throws IOException {
        v.members().forEach(member -> usernames.know(member));
        String with = v.type() == ConversationType.DIRECT ? v.members().stream().filter(x -> x.id() != account.id())
                .map(MemberView::username).findFirst().orElse(null) : null;
        String file = "conversations/" + v.id() + ".jsonl";
        page.conversationStart(v.id(), v.type() == ConversationType.DIRECT ? "Direct chat with " + (with == null ? "nobody" : with)
                : v.title(), file);
        long count = 0;
        try (OutputStream out = zip.text(file)) {
            long after = m.joinedSeq();
            for (List<MessageView> batch; !(batch = messages.timeline(h, v.id(), after, PAGE)).isEmpty(); ) {
                for (MessageView msg : batch) {
                    line(h, msg, usernames, out, page);
                    progress.advance();
                    count++;
                }
                after = batch.getLast().seq();
            }
            for (MessageView held : messages.heldFrom(h, v.id(), account.id())) {
                line(h, held, usernames, out, page);
                count++;
            }
        }
        page.conversationEnd(count);
        return new Listed(v.id(), v.type(), v.title(), with, file, count);
    }

    private void line(Handle h, MessageView msg, Usernames usernames, OutputStream out, ViewerPage page) throws IOException {
        Media image = msg.media() == null ? null : media.record(h, msg.media().id())
                .map(r -> new Media(imageFile(r.sha256(), r.contentType()), r.contentType(), r.width(), r.height())).orElse(null);
        Line line = new Line(msg.id(), msg.seq(), usernames.of(msg.senderId()), msg.createdAt(), msg.status(), msg.text(), image,
                msg.recalledAt(), msg.moderation());
        out.write(LINE.writeValueAsBytes(line));
        out.write('\n');
        page.message(line);
    }

    private void images(Handle h, Account account, ArchiveWriter zip, ExportProgress progress) throws IOException {
        String after = "";
        for (List<StoredImage> batch; !(batch = media.inConversationsOf(h, account.id(), after, PAGE)).isEmpty(); ) {
            for (StoredImage image : batch) {
                Path source = mediaFiles.path(image.sha256());
                if (Files.isRegularFile(source)) zip.stored(imageFile(image.sha256(), image.contentType()), source);
                else log.warn("export for account {}: the image {} is missing from the media folder", account.id(), image.sha256());
                progress.advance();
            }
            after = batch.getLast().sha256();
        }
    }

    private static String imageFile(String sha256, String contentType) {
        String type = contentType.substring(contentType.indexOf('/') + 1);
        return "media/" + sha256 + "." + (type.equals("jpeg") ? "jpg" : type);
    }

    /** Usernames of senders, from the rosters read and, for those who left, the accounts table; remembered for the export. */
    private final class Usernames {
        private final Handle h;
        private final Map<Long, String> known = new HashMap<>();

        Usernames(Handle h) {
            this.h = h;
        }

        void know(MemberView m) {
            known.put(m.id(), m.username());
        }

        String of(long accountId) {
            return known.computeIfAbsent(accountId, id -> accounts.findById(h, id).map(a -> a.username()).orElse("account " + id));
        }
    }
}
