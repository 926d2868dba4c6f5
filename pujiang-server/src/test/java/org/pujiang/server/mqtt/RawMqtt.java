package org.pujiang.server.mqtt;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A hand-rolled MQTT client over a plain socket, for what a real client library will not send: oversized,
 * truncated and garbage packets, and MQTT 5 packets whose reason codes the test reads byte by byte.
 */
final class RawMqtt implements AutoCloseable {
    record Packet(int type, int flags, byte[] body) {}

    private final Socket socket = new Socket();
    private final DataInputStream in;
    private final OutputStream out;

    RawMqtt(int port) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        socket.setSoTimeout(3000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends CONNECT (level 4 = 3.1.1, 5 = MQTT 5); {@code token} null sends no username. Returns the CONNACK code. */
    int connect(String token, int level, int keepAliveSeconds) throws IOException {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        string(v, "MQTT");
        v.write(level);
        v.write(0x02 | (token != null ? 0x80 : 0));
        v.write(keepAliveSeconds >> 8);
        v.write(keepAliveSeconds & 0xFF);
        if (level == 5) {
            v.write(0); // no properties
        }
        string(v, "raw-" + System.nanoTime());
        if (token != null) {
            string(v, token);
        }
        send(0x10, v.toByteArray());
        Packet ack = read();
        if (ack.type() != 2) {
            throw new IOException("expected CONNACK, got type " + ack.type());
        }
        return ack.body()[1] & 0xFF;
    }

    void publish(String topic, String payload, int qos, int packetId, int level) throws IOException {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        string(v, topic);
        if (qos > 0) {
            v.write(packetId >> 8);
            v.write(packetId & 0xFF);
        }
        if (level == 5) {
            v.write(0);
        }
        v.writeBytes(payload.getBytes(StandardCharsets.UTF_8));
        send(0x30 | (qos << 1), v.toByteArray());
    }

    void subscribe(String filter, int packetId, int level) throws IOException {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        v.write(packetId >> 8);
        v.write(packetId & 0xFF);
        if (level == 5) {
            v.write(0);
        }
        string(v, filter);
        v.write(1);
        send(0x82, v.toByteArray());
    }

    void send(int header, byte[] body) throws IOException {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(header);
        writeLength(p, body.length);
        p.writeBytes(body);
        out.write(p.toByteArray());
        out.flush();
    }

    void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    static void writeLength(ByteArrayOutputStream p, int length) {
        do {
            int digit = length % 128;
            length /= 128;
            p.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
    }

    Packet read() throws IOException {
        int b1 = in.readUnsignedByte();
        int length = 0;
        int shift = 0;
        int digit;
        do {
            digit = in.readUnsignedByte();
            length |= (digit & 0x7F) << shift;
            shift += 7;
        } while ((digit & 0x80) != 0);
        byte[] body = new byte[length];
        in.readFully(body);
        return new Packet(b1 >> 4, b1 & 0x0F, body);
    }

    /** True when the server closes the socket within {@code within} (packets before the close are skipped). */
    boolean closedWithin(Duration within) throws IOException {
        long end = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < end) {
            try {
                read();
            } catch (EOFException e) {
                return true;
            } catch (SocketTimeoutException e) {
                // keep waiting
            } catch (IOException e) {
                return true; // reset
            }
        }
        return false;
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b.length >> 8);
        out.write(b.length & 0xFF);
        out.writeBytes(b);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
