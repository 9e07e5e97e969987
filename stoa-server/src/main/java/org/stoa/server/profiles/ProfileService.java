package org.stoa.server.profiles;

import java.text.Normalizer;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.stoa.engine.image.ImageHashes;
import org.stoa.engine.review.Content;
import org.stoa.engine.review.ContentReview;
import org.stoa.engine.review.Decision;
import org.stoa.engine.review.ReviewContext;
import org.stoa.server.accounts.AccountProfile;
import org.stoa.server.accounts.AccountStore;
import org.stoa.server.accounts.Principal;
import org.stoa.server.enforcement.DecisionSubject;
import org.stoa.server.enforcement.DecisionView;
import org.stoa.server.enforcement.Enforcer;
import org.stoa.server.enforcement.Refusal;
import org.stoa.server.http.ApiException;
import org.stoa.server.http.UserText;
import org.stoa.server.limits.Limit;
import org.stoa.server.limits.Limits;
import org.stoa.server.media.MediaHashes;
import org.stoa.server.media.MediaKind;
import org.stoa.server.media.MediaRecord;
import org.stoa.server.media.MediaStore;
import org.stoa.server.storage.Writer;
import org.stoa.server.stream.EventLog;
import org.stoa.server.stream.EventType;

/**
 * Profiles: a display name in any script, a short bio and a square avatar. What people write in a
 * profile is cleaned (control characters, NUL, bidirectional overrides) and reviewed by the policy
 * like a message, the avatar against the image banks like an image; a refusal is a decision about
 * its author, with the rule, as for a message. Everyone who sees the account (its contacts, the
 * members of its conversations) hears of a change on their stream.
 */
public final class ProfileService {

    public static final int MAX_DISPLAY_NAME = 64;
    public static final int MAX_BIO = 300;
    /** A profile is seen in direct chats and in groups: it passes the rules of both. */
    private static final List<ReviewContext.Scope> SCOPES = List.of(ReviewContext.Scope.DIRECT, ReviewContext.Scope.GROUP);

    private final AccountStore accounts;
    private final MediaStore media;
    private final MediaHashes mediaHashes;
    private final ContentReview review;
    private final Enforcer enforcer;
    private final Writer writer;
    private final EventLog events;
    private final Limits limits;

    public ProfileService(AccountStore accounts, MediaStore media, MediaHashes mediaHashes, ContentReview review,
                          Enforcer enforcer, Writer writer, EventLog events, Limits limits) {
        this.accounts = accounts;
        this.media = media;
        this.mediaHashes = mediaHashes;
        this.review = review;
        this.enforcer = enforcer;
        this.writer = writer;
        this.events = events;
        this.limits = limits;
    }

    AccountProfile update(Principal me, ProfileChange change) {
        Optional<String> displayName = change.displayName().map(ProfileService::displayName);
        Optional<String> bio = change.bio().map(ProfileService::bio);
        limits.acquire(Limit.PROFILE_CHANGES, me.accountId());
        AccountProfile current = accounts.profile(me.username()).orElseThrow();
        displayName.filter(name -> !name.isEmpty() && !name.equals(current.displayName()))
                .ifPresent(name -> reviewText(me, "display name", name));
        bio.filter(text -> !text.isEmpty() && !text.equals(current.bio())).ifPresent(text -> reviewText(me, "bio", text));
        Optional<String> avatar = change.avatarMediaId();
        avatar.filter(id -> !id.isEmpty() && !id.equals(current.avatarId())).ifPresent(id -> reviewAvatar(me, id));
        return writer.execute(tx -> {
            Handle h = tx.handle();
            AccountProfile now = accounts.profile(h, me.accountId()).orElseThrow();
            accounts.setProfile(tx, me.accountId(), changed(displayName, now.displayName()), changed(bio, now.bio()),
                    changed(avatar, now.avatarId()));
            AccountProfile updated = accounts.profile(h, me.accountId()).orElseThrow();
            events.append(tx, audience(h, me.accountId()), EventType.PROFILE_UPDATED, updated);
            return updated;
        });
    }

    /** Cleaned of what only deceives (control characters, NUL, bidi overrides), composed (NFC), trimmed; at most 64 characters. */
    static String displayName(String raw) {
        if (raw.length() > 16 * MAX_DISPLAY_NAME) throw displayNameTooLong();
        String name = Normalizer.normalize(UserText.singleLine(raw), Normalizer.Form.NFC).strip();
        if (name.codePointCount(0, name.length()) > MAX_DISPLAY_NAME) throw displayNameTooLong();
        return name;
    }

    private static ApiException displayNameTooLong() {
        return ApiException.badRequest("display_name_too_long", "display names are at most " + MAX_DISPLAY_NAME + " characters");
    }

    static String bio(String raw) {
        String text = raw.length() > 16 * MAX_BIO ? raw : Normalizer.normalize(UserText.multiLine(raw), Normalizer.Form.NFC).strip();
        if (text.codePointCount(0, text.length()) > MAX_BIO) {
            throw ApiException.badRequest("bio_too_long", "a bio is at most " + MAX_BIO + " characters");
        }
        return text;
    }

    /** The field's new value (an empty one clears it: null), or {@code current} when the change leaves it alone. */
    private static String changed(Optional<String> change, String current) {
        if (change.isEmpty()) return current;
        return change.get().isEmpty() ? null : change.get();
    }

    private void reviewText(Principal me, String field, String text) {
        review(me, context -> new Content.Text(context, text), field, field + ": " + text, null);
    }

    /** An avatar is an image its owner uploaded, square (the client crops it), and clean by the image banks. */
    private void reviewAvatar(Principal me, String mediaId) {
        MediaRecord image = (mediaId.length() > 64 ? Optional.<MediaRecord>empty() : media.record(mediaId))
                .filter(m -> m.uploaderId() == me.accountId() && m.kind() == MediaKind.IMAGE)
                .orElseThrow(() -> ApiException.notFound("media_not_found", "no image " + mediaId.substring(0, Math.min(64, mediaId.length()))
                        + " that you uploaded; upload the avatar with POST /api/v1/media first"));
        if (image.width() != image.height()) {
            throw new ApiException(422, "avatar_not_square", "an avatar is square; this image is " + image.width() + " by "
                    + image.height() + " pixels: crop it first");
        }
        ImageHashes hashes = mediaHashes.get(image.sha256())
                .orElseThrow(() -> new IllegalStateException("no hashes stored for image " + mediaId));
        review(me, context -> new Content.Image(context, mediaId, hashes), "picture", "avatar: image " + mediaId, image.sha256());
    }

    /**
     * Reviews in every scope a profile is seen in. A profile cannot wait for a moderator, so what
     * would hold a message refuses it: the decision is recorded as a refusal, with strikes as for a
     * message, and the person gets the 422 with the rule and the decision to appeal.
     */
    private void review(Principal me, Function<ReviewContext, Content> content, String field, String excerpt, String sha256) {
        for (ReviewContext.Scope scope : SCOPES) {
            Decision decision = review.review(content.apply(new ReviewContext(me.accountId(), 0, scope)));
            if (decision instanceof Decision.Deliver) continue;
            DecisionSubject subject = new DecisionSubject(me.accountId(), null, null, sha256, excerpt, null);
            DecisionView refused = writer.execute(tx -> enforcer.refuse(tx, subject, decision,
                    "not saved: the profile's new " + field + " was refused before anyone saw it"));
            throw Refusal.problem("profile_refused", "not saved", refused);
        }
    }

    /** Who sees this account's profile: itself (its other devices), its contacts, the members of its conversations. */
    private static Set<Long> audience(Handle h, long accountId) {
        return Set.copyOf(h.createQuery("""
                        SELECT id FROM accounts WHERE id = :me UNION SELECT contact_id FROM contacts WHERE account_id = :me
                        UNION SELECT o.account_id FROM members m JOIN members o ON o.conversation_id = m.conversation_id
                        WHERE m.account_id = :me""")
                .bind("me", accountId).mapTo(Long.class).list());
    }
}
