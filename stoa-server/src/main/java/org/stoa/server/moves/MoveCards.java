package org.stoa.server.moves;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.stoa.engine.policy.WireName;
import org.stoa.server.accounts.AccountRef;
import org.stoa.server.accounts.Principal;
import org.stoa.server.contacts.ContactManager;
import org.stoa.server.contacts.ContactStore;
import org.stoa.server.conversations.ConversationManager;
import org.stoa.server.conversations.ConversationManager.Readmission;
import org.stoa.server.http.ApiException;
import org.stoa.server.moves.MoveCardView.GroupOffer;
import org.stoa.server.storage.Tx;
import org.stoa.server.storage.Writer;
import org.stoa.server.stream.EventLog;
import org.stoa.server.stream.EventType;

/**
 * Move cards as their recipients answer them. Accepting a card for a move on this server does, in
 * one step, what the card offers: the new account becomes a contact (if the old one was) and is
 * re-invited to the recipient's groups the old one was in. A card for a move to another server
 * carries the verified address; accepting it keeps the card as answered. Ignoring drops it.
 */
public final class MoveCards {

    private final Jdbi reads;
    private final Writer writer;
    private final MoveStore store;
    private final ContactManager contacts;
    private final ContactStore contactStore;
    private final ConversationManager conversations;
    private final EventLog events;

    public MoveCards(Jdbi reads, Writer writer, MoveStore store, ContactManager contacts, ContactStore contactStore,
              ConversationManager conversations, EventLog events) {
        this.reads = reads;
        this.writer = writer;
        this.store = store;
        this.contacts = contacts;
        this.contactStore = contactStore;
        this.conversations = conversations;
        this.events = events;
    }

    /** My cards, newest first: {@code status} pending (the default) or all. */
    public List<MoveCardView> mine(Principal me, String status) {
        boolean pendingOnly = status == null || status.isEmpty() || status.equals("pending");
        if (!pendingOnly && !status.equals("all")) throw ApiException.badRequest("invalid_status", "status is pending or all");
        return reads.withHandle(h -> store.cardsOf(h, me.accountId(), pendingOnly));
    }

    public MoveCardView accept(Principal me, long cardId) {
        return writer.execute(tx -> {
            MoveCardView card = pending(tx.handle(), me, cardId);
            AccountRef moved = card.toAccount();
            if (moved != null) {
                if (contactStore.hasBlocked(tx.handle(), moved.id(), me.accountId())) {
                    throw ApiException.forbidden("blocked", "'" + moved.username() + "' does not accept contact requests from you");
                }
                if (contactStore.hasBlocked(tx.handle(), me.accountId(), moved.id())) {
                    throw ApiException.conflict("you_blocked", "you blocked '" + moved.username() + "'; unblock them first");
                }
                if (card.wasContact()) contacts.connect(tx, new AccountRef(me.accountId(), me.username()), moved);
                for (GroupOffer g : card.groups()) {
                    Readmission r = conversations.readmit(tx, me.accountId(), g.conversationId(), moved.id());
                    if (r == Readmission.ADDED || r == Readmission.ALREADY_MEMBER) store.reinvited(tx, cardId, g.conversationId());
                }
            }
            return answer(tx, me, cardId, MoveCardStatus.ACCEPTED);
        });
    }

    public MoveCardView ignore(Principal me, long cardId) {
        return writer.execute(tx -> {
            pending(tx.handle(), me, cardId);
            return answer(tx, me, cardId, MoveCardStatus.IGNORED);
        });
    }

    /** My card {@code cardId}, still to be answered: a 404 if it is not mine, a 409 if it was answered or withdrawn. */
    private MoveCardView pending(Handle h, Principal me, long cardId) {
        MoveCardView card = store.card(h, cardId).filter(c -> c.recipientId() == me.accountId()).map(MoveStore.Card::view)
                .orElseThrow(() -> ApiException.notFound("move_card_not_found", "you have no move card " + cardId));
        if (card.status() != MoveCardStatus.PENDING) {
            throw ApiException.conflict("card_not_pending", "this move card was " + WireName.of(card.status()) + " already");
        }
        return card;
    }

    /** Records the answer and tells my other devices; answers the card as it now stands. */
    private MoveCardView answer(Tx tx, Principal me, long cardId, MoveCardStatus status) {
        store.decide(tx, cardId, status);
        MoveCardView card = store.card(tx.handle(), cardId).orElseThrow().view();
        events.append(tx, List.of(me.accountId()), EventType.CONTACT_MOVED, card);
        return card;
    }
}
