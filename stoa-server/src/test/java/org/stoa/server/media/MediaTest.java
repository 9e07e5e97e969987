package org.stoa.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.accounts.Role;
import org.stoa.server.support.Images;
import org.stoa.server.support.Response;
import org.stoa.server.support.StreamClient;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

class MediaTest {

    @TempDir
    Path dir;
    TestServer server;
    User alice;
    User bob;
    User eve;
    long group;

    @BeforeEach
    void start() {
        server = new TestServer(dir);
        alice = server.register("alice");
        bob = server.register("bob");
        eve = server.register("eve");
        group = server.group(alice, List.of(bob));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everySupportedFormatUploadsWithItsSize() {
        for (String format : List.of("jpeg", "png", "gif")) {
            byte[] bytes = Images.encode(format, 64, 48);
            Response r = alice.api().upload("image/" + format, bytes);
            assertThat(r.status()).as(format + ": " + r).isEqualTo(201);
            assertThat(r.json().get("width").asInt()).isEqualTo(64);
            assertThat(r.json().get("height").asInt()).isEqualTo(48);
            assertThat(r.json().get("sha256").asText()).isEqualTo(Images.sha256(bytes));
        }
        Response webp = alice.api().upload("image/webp", Images.WEBP_1X1);
        assertThat(webp.status()).as(webp.toString()).isEqualTo(201);
        assertThat(webp.json().get("width").asInt()).isEqualTo(1);
    }

    @Test
    void imagesAreVisibleToTheUploaderAndToMembersWhereTheyWereSent() {
        byte[] bytes = Images.encode("png", 40, 30);
        String id = alice.api().upload("image/png", bytes).json().get("id").asText();
        assertThat(alice.api().get("/api/v1/media/" + id).status()).isEqualTo(200);
        assertThat(bob.api().get("/api/v1/media/" + id).status()).as("not sent yet").isEqualTo(404);

        try (StreamClient bobStream = bob.stream(null)) {
            Response sent = alice.api().post("/api/v1/conversations/" + group + "/messages", Map.of("clientId", "img", "mediaId", id));
            assertThat(sent.status()).isEqualTo(201);
            assertThat(sent.json().get("mediaId").asText()).isEqualTo(id);
            assertThat(sent.json().at("/media/width").asInt()).isEqualTo(40);
            bobStream.awaitEvent("message.created", e -> e.at("/data/mediaId").asText().equals(id));
        }
        Response fetched = bob.api().get("/api/v1/media/" + id);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.contentType()).isEqualTo("image/png");
        assertThat(Arrays.equals(fetched.raw(), bytes)).isTrue();

        Response outsider = eve.api().get("/api/v1/media/" + id);
        assertThat(outsider.status()).isEqualTo(404);
        assertThat(outsider.code()).isEqualTo("media_not_found");
        assertThat(eve.api().post("/api/v1/conversations/" + group + "/messages", Map.of("clientId", "x", "mediaId", id)).status())
                .isEqualTo(404);
        assertThat(server.anonymous().get("/api/v1/media/" + id).status()).isEqualTo(401);
    }

    @Test
    void moderatorsSeeAnImageOnlyWhileItWaitsInTheReviewQueue() {
        User moderator = server.registerWith("mod", Role.MODERATOR);
        String id = alice.api().upload("image/png", Images.encode("png", 40, 30)).json().get("id").asText();
        Response sent = alice.api().post("/api/v1/conversations/" + group + "/messages", Map.of("clientId", "img", "mediaId", id));
        assertThat(sent.status()).isEqualTo(201);
        assertThat(moderator.api().get("/api/v1/media/" + id).status()).as("nobody asked the moderator to look").isEqualTo(404);

        Response report = bob.api().post("/api/v1/reports", Map.of("messageId", sent.id(), "reason", "not for this group"));
        assertThat(report.status()).isEqualTo(201);
        Response queued = moderator.api().get("/api/v1/media/" + id);
        assertThat(queued.status()).as("reported, so in the queue").isEqualTo(200);
        assertThat(queued.contentType()).isEqualTo("image/png");
        assertThat(eve.api().get("/api/v1/media/" + id).status()).as("other users' access is unchanged").isEqualTo(404);

        Response dismissed = moderator.api().post("/api/v1/moderation/dismissals", Map.of("reportId", report.id(), "reason", "fine"));
        assertThat(dismissed.status()).isEqualTo(204);
        assertThat(moderator.api().get("/api/v1/media/" + id).status()).as("out of the queue, out of sight").isEqualTo(404);
    }

    @Test
    void theSameBytesAreStoredOnce() {
        byte[] bytes = Images.encode("png", 20, 20);
        Response a = alice.api().upload("image/png", bytes);
        Response b = bob.api().upload("image/png", bytes);
        assertThat(a.json().get("id").asText()).isNotEqualTo(b.json().get("id").asText());
        assertThat(a.json().get("sha256").asText()).isEqualTo(b.json().get("sha256").asText());
        assertThat(bob.api().get("/api/v1/media/" + a.json().get("id").asText()).status())
                .as("same bytes, but alice's upload is still hers").isEqualTo(404);
    }

    @Test
    void badUploadsAreRefusedWithAClearReason() {
        byte[] small = Images.encode("png", 10, 10);
        assertThat(alice.api().upload("image/jpeg", small).code()).isEqualTo("media_type_mismatch");
        assertThat(alice.api().upload("application/x-msdownload", small).code()).isEqualTo("unsupported_media_type");
        assertThat(alice.api().upload("application/pdf", small).code()).as("files need a name").isEqualTo("missing_file_name");
        assertThat(alice.api().upload("image/jpeg", "not an image at all".getBytes()).status()).isIn(400, 415);
        byte[] png = Images.encode("png", 300, 300);
        Response truncated = alice.api().upload("image/png", Arrays.copyOf(png, png.length / 3));
        assertThat(truncated.status()).isEqualTo(400);
        assertThat(truncated.code()).isEqualTo("corrupt_image");
        byte[] jpeg = Images.encode("jpeg", 300, 300);
        Response truncatedJpeg = alice.api().upload("image/jpeg", Arrays.copyOf(jpeg, jpeg.length / 2));
        assertThat(truncatedJpeg.status()).as("a truncated JPEG is refused, not filled with grey").isEqualTo(400);
        assertThat(truncatedJpeg.code()).isEqualTo("corrupt_image");
        Response bomb = alice.api().upload("image/png", Images.pngHeaderBomb(60_000, 60_000));
        assertThat(bomb.status()).isEqualTo(422);
        assertThat(bomb.code()).isEqualTo("image_too_large");
        Response huge = alice.api().upload("image/png", new byte[20 * 1024 * 1024 + 1]);
        assertThat(huge.status()).isEqualTo(413);
        assertThat(alice.api().upload("image/png", new byte[0]).status()).isEqualTo(400);
        assertThat(alice.api().get("/api/v1/media/does-not-exist").status()).isEqualTo(404);
    }
}
