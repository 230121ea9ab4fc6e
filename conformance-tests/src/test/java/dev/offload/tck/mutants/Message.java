package dev.offload.tck.mutants;

import dev.offload.tck.wire.Head;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A request or response the proxy relays: its head editable by a {@link Mutation}, and (when buffered) its body. */
public final class Message {
    public String method;
    public String target;
    public String version;
    public int status;
    public String reason;
    public final List<String[]> headers = new ArrayList<>();
    public byte[] body;

    /** A synthetic response (e.g. for {@link Mutation#answer}). */
    public static Message response(int status, String reason) {
        Message m = new Message();
        m.version = "HTTP/1.1";
        m.status = status;
        m.reason = reason;
        return m;
    }

    /** The request in {@code head}, or null if the proxy must not re-serialize it (pass it through instead). */
    static Message parseRequest(byte[] headBytes) {
        Head head = Head.parse(headBytes);
        String[] parts = head.startLine().split(" ");
        if (!head.canonical() || parts.length != 3 || !parts[2].startsWith("HTTP/1.") || !parts[0].matches("[A-Z]+")
                || ambiguous(headBytes, head)) {
            return null;
        }
        Message m = new Message();
        m.method = parts[0];
        m.target = parts[1];
        m.version = parts[2];
        return m.withFields(head);
    }

    /**
     * Framing the proxy would silently repair by re-serializing (WIRE-4): two Content-Length fields, or whitespace
     * between a field name and its colon. Such requests go to the server byte for byte.
     */
    private static boolean ambiguous(byte[] headBytes, Head head) {
        long lengths = head.fields().stream().filter(f -> f.getKey().equalsIgnoreCase("Content-Length")).count();
        String[] lines = new String(headBytes, StandardCharsets.ISO_8859_1).split("\r\n");
        for (int i = 1; i < lines.length; i++) { // the start line may hold a colon in its target
            int colon = lines[i].indexOf(':');
            if (colon > 0 && Character.isWhitespace(lines[i].charAt(colon - 1))) {
                return true;
            }
        }
        return lengths > 1;
    }

    /** The response in {@code head}, or null if it is no HTTP response. */
    static Message parseResponse(byte[] headBytes) {
        Head head = Head.parse(headBytes);
        String[] parts = head.startLine().split(" ", 3);
        boolean numericLength = head.first("Content-Length").map(v -> v.matches("\\d{1,18}")).orElse(true);
        if (!numericLength || parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].matches("\\d{3}")) {
            return null;
        }
        Message m = new Message();
        m.version = parts[0];
        m.status = Integer.parseInt(parts[1]);
        m.reason = parts.length > 2 ? parts[2] : "";
        return m.withFields(head);
    }

    private Message withFields(Head head) {
        for (Map.Entry<String, String> f : head.fields()) {
            headers.add(new String[] {f.getKey(), f.getValue()});
        }
        return this;
    }

    public String header(String name) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                return h[1];
            }
        }
        return null;
    }

    public void setHeader(String name, String value) {
        removeHeader(name);
        headers.add(new String[] {name, value});
    }

    public void removeHeader(String name) {
        headers.removeIf(h -> h[0].equalsIgnoreCase(name));
    }

    public String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    public String query() {
        int q = target.indexOf('?');
        return q < 0 ? "" : target.substring(q + 1);
    }

    public String bodyText() {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

    public void bodyText(String text) {
        body = text.getBytes(StandardCharsets.UTF_8);
    }

    boolean chunked() {
        String te = header("Transfer-Encoding");
        return te != null && Head.chunked(List.of(te));
    }

    /** The declared length, -1 if none (only canonical heads are parsed, so it is a number). */
    long contentLength() {
        String length = header("Content-Length");
        return length == null ? -1 : Long.parseLong(length.trim());
    }

    boolean framed() {
        return chunked() || header("Content-Length") != null;
    }

    boolean closes() {
        String c = header("Connection");
        return (c != null && c.toLowerCase(Locale.ROOT).contains("close")) || "HTTP/1.0".equals(version);
    }

    /** Whether a response to {@code request} has no body whatever it declares. */
    boolean bodiless(Message request) {
        return request.method.equals("HEAD") || status / 100 == 1 || status == 204 || status == 304;
    }

    byte[] headBytes() {
        StringBuilder b = new StringBuilder();
        if (method != null) {
            b.append(method).append(' ').append(target).append(' ').append(version);
        } else {
            b.append(version).append(' ').append(status).append(' ').append(reason);
        }
        b.append("\r\n");
        for (String[] h : headers) {
            b.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        return b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Writes head and body, Content-Length matching the (possibly rewritten) body. */
    void writeTo(OutputStream out) throws IOException {
        if (body != null && !chunked() && (body.length > 0 || header("Content-Length") != null)) {
            setHeader("Content-Length", Integer.toString(body.length));
        }
        out.write(headBytes());
        if (body != null) {
            out.write(body);
        }
        out.flush();
    }
}
