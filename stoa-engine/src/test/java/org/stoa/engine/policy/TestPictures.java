package org.stoa.engine.policy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;

/** A photo-like PNG for review tests. */
final class TestPictures {

    private TestPictures() {}

    static byte[] photo() throws IOException {
        Random rnd = new Random(5);
        BufferedImage img = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        for (int i = 0; i < 30; i++) {
            g.setColor(new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256)));
            g.fillOval(rnd.nextInt(400) - 50, rnd.nextInt(300) - 50, 50 + rnd.nextInt(150), 50 + rnd.nextInt(150));
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
