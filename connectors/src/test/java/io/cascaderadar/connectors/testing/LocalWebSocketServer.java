package io.cascaderadar.connectors.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WebSocket server on loopback that stands in for a venue (RFC 6455, text frames, what the venues' public feeds
 * use): the test sees each connection as a {@link Session}, reads what the client sent (subscriptions, keep-alives)
 * and sends it the venue's messages, then drops the connection, goes quiet or refuses upgrades with 429.
 */
public final class LocalWebSocketServer implements AutoCloseable {
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server;
    private final BlockingQueue<Session> sessions = new LinkedBlockingQueue<>();
    private final AtomicInteger refuseNext = new AtomicInteger();
    private volatile String answerToPing;

    public LocalWebSocketServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accepting = new Thread(this::accept, "local venue server");
        accepting.setDaemon(true);
        accepting.start();
    }

    public URI uri() {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/ws");
    }

    /** The next upgrades are answered 429 Too Many Requests. */
    public void refuseNext(int upgrades) {
        refuseNext.set(upgrades);
    }

    /** Text frames equal to {@code ping} are answered with {@code pong} (null: not answered). */
    public void answerPings(String ping, String pong) {
        answerToPing = ping + "\n" + pong;
    }

    public Session awaitSession(long seconds) throws InterruptedException {
        Session session = sessions.poll(seconds, TimeUnit.SECONDS);
        if (session == null) {
            throw new AssertionError("no client connected within " + seconds + " s");
        }
        return session;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread handling = new Thread(() -> handle(socket), "local venue connection");
                handling.setDaemon(true);
                handling.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void handle(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            String key = null;
            for (String line; !(line = readLine(in)).isEmpty(); ) {
                if (line.toLowerCase().startsWith("sec-websocket-key:")) {
                    key = line.substring(line.indexOf(':') + 1).trim();
                }
            }
            OutputStream out = socket.getOutputStream();
            if (refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                out.write("HTTP/1.1 429 Too Many Requests\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                socket.close();
                return;
            }
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII)));
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Session session = new Session(socket);
            sessions.add(session);
            session.read();
        } catch (Exception e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("connection closed in the handshake");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    /** One client connection. */
    public final class Session {
        private final Socket socket;
        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private volatile boolean quiet;

        Session(Socket socket) {
            this.socket = socket;
        }

        /** The next text frame the client sent. */
        public String nextReceived(long seconds) throws InterruptedException {
            String text = received.poll(seconds, TimeUnit.SECONDS);
            if (text == null) {
                throw new AssertionError("the client sent nothing within " + seconds + " s");
            }
            return text;
        }

        public synchronized void send(String text) throws IOException {
            frame(1, text.getBytes(StandardCharsets.UTF_8));
        }

        /** Stops answering anything, keeping the TCP connection open: a connection that died silently. */
        public void goQuiet() {
            quiet = true;
        }

        /** Closes the connection as a venue going into maintenance does: a close frame (1001, going away), then TCP. */
        public synchronized void goAway() throws IOException {
            byte[] reason = "maintenance".getBytes(StandardCharsets.UTF_8);
            byte[] payload = new byte[reason.length + 2];
            payload[0] = (byte) (1001 >>> 8);
            payload[1] = (byte) (1001 & 0xff);
            System.arraycopy(reason, 0, payload, 2, reason.length);
            frame(8, payload);
            socket.close();
        }

        /** Cuts the TCP connection without a close frame, as a crash or a network failure does. */
        public void drop() throws IOException {
            socket.close();
        }

        private void frame(int opcode, byte[] payload) throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(0x80 | opcode);
            if (payload.length < 126) {
                out.write(payload.length);
            } else if (payload.length < 65536) {
                out.write(126);
                out.write(payload.length >>> 8);
                out.write(payload.length & 0xff);
            } else {
                out.write(127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    out.write((int) ((long) payload.length >>> shift) & 0xff);
                }
            }
            out.write(payload);
            out.flush();
        }

        /** Reads the client's frames (masked, as clients must send them) until the connection ends. */
        private void read() throws IOException {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (true) {
                int head = in.readUnsignedByte();
                int second = in.readUnsignedByte();
                long length = second & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] mask = new byte[4];
                if ((second & 0x80) != 0) {
                    in.readFully(mask);
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
                int opcode = head & 0x0f;
                if (quiet) {
                    continue;
                }
                if (opcode == 8) {
                    synchronized (this) {
                        frame(8, payload);
                    }
                    socket.close();
                    return;
                }
                if (opcode == 9) {
                    synchronized (this) {
                        frame(10, payload);
                    }
                } else if (opcode == 1) {
                    String text = new String(payload, StandardCharsets.UTF_8);
                    String answers = answerToPing;
                    if (answers != null && text.equals(answers.substring(0, answers.indexOf('\n')))) {
                        send(answers.substring(answers.indexOf('\n') + 1));
                    } else {
                        received.add(text);
                    }
                }
            }
        }
    }
}
