package org.stoa.server.export;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import org.stoa.server.accounts.Account;
import org.stoa.server.accounts.AccountProfile;
import org.stoa.server.accounts.Role;
import org.stoa.server.contacts.ContactStore;
import org.stoa.server.contacts.ContactView;
import org.stoa.server.conversations.ConversationView;
import org.stoa.server.conversations.MemberRole;
import org.stoa.server.conversations.MemberView;

/**
 * The account and the people around it: {@code account.json}; {@code contacts.json} (contacts and
 * blocked accounts, each with since when) and {@code contacts.vcf}; {@code groups.json} (each group
 * with its members and their roles).
 */
public final class PeopleSection {

    /** The account, with its profile (its picture is the image {@code avatarId} under {@code media/} when it sent it). */
    record AccountFile(long id, String username, String displayName, String bio, String avatarId, Role role, Instant createdAt,
                       Instant exportedAt) {}

    record ContactsFile(List<ContactView> contacts, List<ContactView> blocked) {}

    record Group(long id, String title, Instant createdAt, MemberRole yourRole, List<Member> members) {}

    record Member(String username, MemberRole role, Instant joinedAt) {}

    private final ContactStore contacts;

    public PeopleSection(ContactStore contacts) {
        this.contacts = contacts;
    }

    void write(Account account, AccountProfile profile, Instant createdAt, List<ConversationView> groups, ArchiveWriter zip,
               ViewerPage page) throws IOException {
        zip.json("account.json", new AccountFile(account.id(), account.username(), profile.displayName(), profile.bio(),
                profile.avatarId(), account.role(), account.createdAt(), createdAt));
        ContactsFile people = new ContactsFile(contacts.contactsOf(account.id()), contacts.blockedBy(account.id()));
        zip.json("contacts.json", people);
        try (OutputStream out = zip.text("contacts.vcf")) {
            VCards.write(people.contacts(), out);
        }
        page.contacts(people.contacts(), people.blocked());
        zip.json("groups.json", groups.stream().map(g -> new Group(g.id(), g.title(), g.createdAt(),
                g.members().stream().filter(m -> m.id() == account.id()).map(MemberView::role).findFirst().orElseThrow(),
                g.members().stream().map(m -> new Member(m.username(), m.role(), m.joinedAt())).toList())).toList());
        page.groups(groups);
    }
}
