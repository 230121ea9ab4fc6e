package dev.offload.tck.mutants;

import dev.offload.spec.Behaviour;
import dev.offload.spec.OffloadConfig;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * One mutant per REQUIRED WIRE behaviour: the proxy in front of a conforming server has exactly the wire bug the
 * behaviour forbids, the way real servers have had it (Helidon 4.5.0 had the first five).
 */
final class WireMutants {
    private WireMutants() {
    }

    static List<Mutants.Mutant> all() {
        return List.of(
                mutant(Behaviour.WIRE_1, "answers an Expect: 100-continue request without its body, then reads the"
                        + " body as the next request", c -> new Mutation() {
                            @Override
                            public boolean leavesBodyUnread(Message request) {
                                String expect = request.header("Expect");
                                return expect != null && expect.toLowerCase(Locale.ROOT).contains("100-continue");
                            }
                        }),
                mutant(Behaviour.WIRE_2, "drops the client's Connection: close and keeps reading the connection",
                        c -> new Mutation() {
                            @Override
                            public void request(Connection conn, Message request) {
                                String connection = request.header("Connection");
                                if (connection != null && connection.toLowerCase(Locale.ROOT).contains("close")) {
                                    request.removeHeader("Connection");
                                }
                            }
                        }),
                mutant(Behaviour.WIRE_3, "decodes chunked bodies leniently: signs accepted, the CRLF after chunk"
                        + " data skipped unchecked", c -> framing(Mutation.RequestFraming.LENIENT_CHUNKED),
                        // it re-frames every chunked body by Content-Length: oversized chunked bodies become a
                        // declared length the server refuses while the proxy still writes it (BG-2, WIRE-1)
                        Behaviour.WIRE_1, Behaviour.BG_2),
                mutant(Behaviour.WIRE_4, "lets Content-Length win over Transfer-Encoding: chunked (CL.TE)",
                        c -> framing(Mutation.RequestFraming.CONTENT_LENGTH_WINS)),
                mutant(Behaviour.WIRE_5, "answers HEAD with an error body", c -> new Mutation() {
                    @Override
                    public Message answer(Connection conn, Message request) {
                        if (!request.method.equals("HEAD")) {
                            return null;
                        }
                        Message notFound = Message.response(404, "Not Found");
                        notFound.setHeader("Content-Type", "application/json");
                        notFound.bodyText("{\"error\":\"no route\",\"code\":\"NOT_FOUND\"}");
                        return notFound;
                    }
                }),
                mutant(Behaviour.WIRE_6, "never times out a stalled client", c -> new Mutation() {
                    @Override
                    public boolean timesOutStalledClients() {
                        return false;
                    }
                }),
                mutant(Behaviour.WIRE_8, "repairs e-mail bodies that are not well-formed UTF-8 or repeat a member",
                        c -> new Mutation() {
                            @Override
                            public void request(Connection conn, Message request) {
                                if (request.path().equals("/send-email") && request.body != null
                                        && illFormed(request.body)) {
                                    request.bodyText("{\"to\":\"repaired@example.com\",\"subject\":\"s\"}");
                                }
                            }
                        }, Behaviour.BG_2));
    }

    private static Mutation framing(Mutation.RequestFraming framing) {
        return new Mutation() {
            @Override
            public RequestFraming requestFraming(Message request) {
                return framing;
            }
        };
    }

    /** Not strict UTF-8, NUL bytes (UTF-16/32), or "to" twice: what a lenient reader would still make sense of. */
    private static boolean illFormed(byte[] body) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
            return text.indexOf('\0') >= 0 || text.indexOf("\"to\"") != text.lastIndexOf("\"to\"")
                    || text.indexOf("\"subject\"") != text.lastIndexOf("\"subject\"");
        } catch (CharacterCodingException e) {
            return true;
        }
    }

    private static Mutants.Mutant mutant(Behaviour b, String bug, Function<OffloadConfig, Mutation> proxy,
                                         Behaviour... collateral) {
        Set<Behaviour> also = collateral.length == 0 ? EnumSet.noneOf(Behaviour.class) : EnumSet.copyOf(List.of(collateral));
        return new Mutants.Mutant(b, bug, also, proxy);
    }
}
