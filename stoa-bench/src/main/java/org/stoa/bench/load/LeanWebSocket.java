package org.stoa.bench.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * A WebSocket client as small as the XMPP side's load client: one blocking socket, one virtual
 * thread reading frames, masked text frames written whole under a lock. The JDK's
 * {@code java.net.http.WebSocket} spent most of the load generator's CPU in its selector, its
 * schedulers and its buffer copies, on the same two cores as the server it measures; this one
 * does the same protocol work (RFC 6455: the upgrade, masking, fragments, ping and close) with
 * none of that. Text messages reach {@code onText} whole, in order, on the reading thread.
 */
final class LeanWebSocket implements AutoCloseable {

    private static final int TEXT = 0x1, CONTINUATION = 0x0, CLOSE = 0x8, PING = 0x9, PONG = 0xA;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Consumer<String> onText;

    private LeanWebSocket(Socket socket, Consumer<String> onText) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = socket.getOutputStream();
        this.onText = onText;
    }

    /** Opens {@code ws://host:port/path} with a bearer token; fails unless the server switches protocols. */
    static LeanWebSocket open(URI uri, String token, Consumer<String> onText) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
            LeanWebSocket ws = new LeanWebSocket(socket, onText);
            ws.handshake(uri, token);
            Thread.ofVirtual().name("ws-reader").start(ws::readLoop);
            return ws;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void handshake(URI uri, String token) throws IOException {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Authorization: Bearer " + token + "\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0; // of "\r\n\r\n"
        while (matched < 4) {
            int b = in.read();
            if (b < 0) throw new EOFException("the server closed the connection during the upgrade");
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String response = head.toString(StandardCharsets.US_ASCII);
        if (!response.startsWith("HTTP/1.1 101")) {
            throw new IOException("no WebSocket upgrade: " + response.lines().findFirst().orElse(""));
        }
    }

    /** Sends one text message as a single masked frame. */
    void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        int n = payload.length;
        int header = n < 126 ? 2 : n < 65_536 ? 4 : 10;
        byte[] frame = new byte[header + 4 + n];
        frame[0] = (byte) (0x80 | TEXT);
        if (n < 126) {
            frame[1] = (byte) (0x80 | n);
        } else if (n < 65_536) {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (n >>> 8);
            frame[3] = (byte) n;
        } else {
            frame[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) frame[2 + i] = (byte) ((long) n >>> (56 - 8 * i));
        }
        writeMasked(frame, header, payload);
    }

    private void writeMasked(byte[] frame, int header, byte[] payload) throws IOException {
        int mask = ThreadLocalRandom.current().nextInt();
        for (int i = 0; i < 4; i++) frame[header + i] = (byte) (mask >>> (24 - 8 * i));
        for (int i = 0; i < payload.length; i++) frame[header + 4 + i] = (byte) (payload[i] ^ frame[header + (i & 3)]);
        synchronized (out) {
            out.write(frame);
            out.flush();
        }
    }

    private void control(int opcode, byte[] payload) throws IOException {
        byte[] frame = new byte[2 + 4 + payload.length];
        frame[0] = (byte) (0x80 | opcode);
        frame[1] = (byte) (0x80 | payload.length); // control payloads are under 126 bytes
        writeMasked(frame, 2, payload);
    }

    private void readLoop() {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        try {
            while (true) {
                int b0 = in.read();
                if (b0 < 0) return;
                int b1 = readByte();
                long length = b1 & 0x7F;
                if (length == 126) length = (readByte() << 8) | readByte();
                else if (length == 127) {
                    length = 0;
                    for (int i = 0; i < 8; i++) length = (length << 8) | readByte();
                }
                if ((b1 & 0x80) != 0) throw new IOException("a server frame must not be masked");
                if (length > 16L << 20) throw new IOException("a frame of " + length + " bytes");
                byte[] payload = in.readNBytes((int) length);
                if (payload.length < length) return;
                int opcode = b0 & 0x0F;
                boolean fin = (b0 & 0x80) != 0;
                switch (opcode) {
                    case TEXT, CONTINUATION -> {
                        if (fin && message.size() == 0) {
                            onText.accept(new String(payload, StandardCharsets.UTF_8));
                        } else {
                            message.write(payload);
                            if (fin) {
                                onText.accept(message.toString(StandardCharsets.UTF_8));
                                message.reset();
                            }
                        }
                    }
                    case PING -> control(PONG, payload);
                    case CLOSE -> {
                        control(CLOSE, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0]);
                        return;
                    }
                    default -> { } // pong, binary: nothing the load generator reads
                }
            }
        } catch (IOException e) {
            // the connection ended: aborted by this client, or closed by the server
        } finally {
            abort();
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) throw new EOFException();
        return b;
    }

    /** Drops the connection without a closing handshake, as a client that went away would. */
    void abort() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        abort();
    }
}
