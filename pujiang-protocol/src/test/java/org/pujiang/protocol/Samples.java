package org.pujiang.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.pujiang.protocol.message.Chat;
import org.pujiang.protocol.message.ChatEvent;
import org.pujiang.protocol.message.ChatScope;
import org.pujiang.protocol.message.ClientMessage;
import org.pujiang.protocol.message.Emote;
import org.pujiang.protocol.message.EmoteEvent;
import org.pujiang.protocol.message.Enter;
import org.pujiang.protocol.message.EntityKind;
import org.pujiang.protocol.message.EntityUpdate;
import org.pujiang.protocol.message.ErrorCode;
import org.pujiang.protocol.message.ErrorMessage;
import org.pujiang.protocol.message.Exit;
import org.pujiang.protocol.message.Goodbye;
import org.pujiang.protocol.message.Grab;
import org.pujiang.protocol.message.Hello;
import org.pujiang.protocol.message.Holder;
import org.pujiang.protocol.message.Input;
import org.pujiang.protocol.message.Join;
import org.pujiang.protocol.message.Joined;
import org.pujiang.protocol.message.Leave;
import org.pujiang.protocol.message.Moderate;
import org.pujiang.protocol.message.ModerationAction;
import org.pujiang.protocol.message.MoveObject;
import org.pujiang.protocol.message.Ping;
import org.pujiang.protocol.message.Pong;
import org.pujiang.protocol.message.Presence;
import org.pujiang.protocol.message.PresenceChange;
import org.pujiang.protocol.message.PresenceEntry;
import org.pujiang.protocol.message.Release;
import org.pujiang.protocol.message.Say;
import org.pujiang.protocol.message.SayWord;
import org.pujiang.protocol.message.ServerMessage;
import org.pujiang.protocol.message.State;
import org.pujiang.protocol.message.TwinCommand;
import org.pujiang.protocol.message.TwinCommandKind;
import org.pujiang.protocol.message.TwinReply;
import org.pujiang.protocol.message.TwinUpdate;
import org.pujiang.protocol.message.VoiceKind;
import org.pujiang.protocol.message.VoiceRelay;
import org.pujiang.protocol.message.VoiceSignal;
import org.pujiang.protocol.message.Welcome;

/** Valid messages of every type, ordinary and at their limits, for round-trip, truncation and fuzz tests. */
final class Samples {
    static final UUID SPACE = UUID.fromString("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
    static final long NOW = 1_760_000_000_123L;
    static final long MAX_TIME = (1L << 53) - 1;

    private Samples() {}

    static String repeat(String unit, int bytesEach, int maxBytes) {
        return unit.repeat(maxBytes / bytesEach);
    }

    static List<ClientMessage> client() {
        List<ClientMessage> out = new ArrayList<>();
        out.add(new Hello(1, 1, "pj1.AaILZGfHfA-j8N84lPw6vQ.xfmDv4JOo8vTdlflMBG5YSpEaf2oU", "pujiang-web/0.1"));
        out.add(new Hello(1, 255, repeat("t", 1, Hello.TOKEN_MAX_BYTES), repeat("名", 3, Hello.CLIENT_NAME_MAX_BYTES)));
        out.add(new Hello(1, 1, "", ""));
        out.add(Join.fresh(SPACE));
        out.add(new Join(SPACE, 0x8000_0000_0000_0001L));
        out.add(new Join(new UUID(-1, -1), -1));
        out.add(new Leave());
        out.add(new Input(0, 1.5f, 0f, -2.25f, 3.0f, -0.5f, 1.25f, 0f, -4f, 2, NOW));
        out.add(new Input(Integer.MAX_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -0.0f, 100f, -1e9f,
                1e-30f, 0.1f, 255, MAX_TIME));
        out.add(Chat.toSpace("hello, 浦江 🌊"));
        out.add(Chat.nearby(""));
        out.add(Chat.direct(Integer.MAX_VALUE, repeat("é", 2, Chat.TEXT_MAX_BYTES)));
        out.add(Chat.direct(7, repeat("😀", 4, Chat.TEXT_MAX_BYTES)));
        out.add(new Emote(0));
        out.add(new Emote(255));
        out.add(new Grab(1));
        out.add(new Grab(Integer.MAX_VALUE));
        out.add(new MoveObject(12, 10.5f, 0.75f, -3f, 1.5f));
        out.add(new Release(300));
        out.add(new Ping(0));
        out.add(new Ping(NOW));
        out.add(new Ping(MAX_TIME));
        for (VoiceKind kind : VoiceKind.values()) {
            out.add(new VoiceSignal(4, kind, "{\"sdp\":\"v=0\\r\\n\"}"));
        }
        out.add(new VoiceSignal(1, VoiceKind.ICE, repeat("x", 1, VoiceSignal.PAYLOAD_MAX_BYTES)));
        for (ModerationAction action : ModerationAction.values()) {
            out.add(new Moderate(action, 9, "spam"));
        }
        out.add(new Moderate(ModerationAction.KICK, 1, repeat("坏", 3, Moderate.REASON_MAX_BYTES)));
        out.add(TwinCommand.desired(0, "pump-1", "setpoint", "72.5"));
        out.add(TwinCommand.action(Integer.MAX_VALUE, "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", "reset", "null"));
        for (TwinCommandKind kind : TwinCommandKind.values()) {
            out.add(new TwinCommand(3, "泵", kind, "模式", "{\"mode\":\"自动\"}"));
        }
        out.add(new TwinCommand(1, repeat("t", 1, TwinCommand.TWIN_MAX_BYTES), TwinCommandKind.ACTION,
                repeat("n", 1, TwinCommand.NAME_MAX_BYTES), "\"" + repeat("j", 1, TwinCommand.JSON_MAX_BYTES - 2) + "\""));
        return out;
    }

    static List<ServerMessage> server() {
        List<ServerMessage> out = new ArrayList<>();
        out.add(new Welcome(1, NOW, 20, "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", "小明", "member"));
        out.add(new Welcome(255, MAX_TIME, 1000, repeat("u", 1, PresenceEntry.USER_ID_MAX_BYTES),
                repeat("😀", 4, PresenceEntry.DISPLAY_NAME_MAX_BYTES), repeat("r", 1, PresenceEntry.ROLE_MAX_BYTES)));
        out.add(new Joined(SPACE, "外滩展厅 The Bund Hall", 1, 0x1234_5678_9abc_def0L, -50f, 0f, -50f, 50f, 20f, 50f,
                200, 30f));
        out.add(new Joined(SPACE, repeat("空", 3, Joined.SPACE_NAME_MAX_BYTES), Integer.MAX_VALUE, -1L, -5e4f, -5e4f,
                -5e4f, 5e4f, 5e4f, 5e4f, Integer.MAX_VALUE, 1e-3f));
        out.add(new State(0, 0, List.of()));
        out.add(new State(300, NOW, List.of(
                EntityUpdate.of(5, EntityUpdate.POS | EntityUpdate.ROT, 1.5f, 0f, -2.25f, (float) Math.PI, 0f, 0, 0, 0, 0),
                EntityUpdate.full(6, -100.01f, 2f, 33.33f, 6.2f, -1.2f, 1.5f, -9.81f, 0f, 7),
                EntityUpdate.of(7, EntityUpdate.VEL, 0, 0, 0, 0, 0, 3f, 0f, -3f, 0),
                EntityUpdate.of(8, EntityUpdate.ANIM, 0, 0, 0, 0, 0, 0, 0, 0, 255),
                EntityUpdate.of(9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                new EntityUpdate(Integer.MAX_VALUE, EntityUpdate.ALL, Integer.MIN_VALUE, Integer.MAX_VALUE, -1, 65535,
                        65535, Integer.MAX_VALUE, Integer.MIN_VALUE, 1, 255))));
        out.add(new State(Integer.MAX_VALUE, MAX_TIME, manyUpdates(State.UPDATES_MAX)));
        out.add(new Enter(3, EntityKind.AVATAR, "小明", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
                EntityUpdate.full(3, 1f, 0f, 2f, 0.5f, 0.1f, 0f, 0f, 0f, 1)));
        out.add(new Enter(4, EntityKind.AGENT, "导览员 Guide", "", EntityUpdate.full(4, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0)));
        out.add(new Enter(Integer.MAX_VALUE, EntityKind.OBJECT, repeat("😀", 4, Enter.NAME_MAX_BYTES), "",
                EntityUpdate.full(Integer.MAX_VALUE, -1e4f, 1e4f, 0.01f, 3f, 1.5f, -20f, 20f, 0.5f, 200)));
        out.add(new Exit(1));
        out.add(new Exit(Integer.MAX_VALUE));
        for (ChatScope scope : ChatScope.values()) {
            out.add(new ChatEvent(2, "小明", scope, "你好 🌊", NOW));
        }
        out.add(new ChatEvent(0, "", ChatScope.SPACE, repeat("é", 2, Chat.TEXT_MAX_BYTES), MAX_TIME));
        out.add(new EmoteEvent(2, 17));
        out.add(new Holder(12, 2));
        out.add(new Holder(12, 0));
        out.add(new Presence(List.of()));
        out.add(new Presence(List.of(new PresenceEntry("u1", "Ann", "member"), new PresenceEntry("u2", "小明", "guest"))));
        out.add(new Presence(manyPresence(Presence.ENTRIES_MAX)));
        out.add(new PresenceChange(true, new PresenceEntry("u3", "Bob", "operator")));
        out.add(new PresenceChange(false, new PresenceEntry("", "", "")));
        out.add(new Pong(NOW - 40, NOW));
        out.add(new Pong(0, MAX_TIME));
        for (ErrorCode code : ErrorCode.values()) {
            out.add(new ErrorMessage(code, code.name().toLowerCase()));
        }
        out.add(new ErrorMessage(999, repeat("e", 1, ErrorMessage.MESSAGE_MAX_BYTES)));
        for (VoiceKind kind : VoiceKind.values()) {
            out.add(new VoiceRelay(3, kind, "candidate:1 1 udp 2122260223 192.0.2.1 54400 typ host"));
        }
        out.add(new VoiceRelay(Integer.MAX_VALUE, VoiceKind.OFFER, repeat("s", 1, VoiceSignal.PAYLOAD_MAX_BYTES)));
        out.add(new Goodbye(ErrorCode.SHUTTING_DOWN, "the server is restarting"));
        out.add(new Goodbye(0, ""));
        out.add(new TwinUpdate("pump-1", "{\"reported\":{\"temperature\":72.4},\"metadata\":{\"temperature\":"
                + "{\"ts\":1760000000000,\"source\":\"mqtt\"}}}", NOW));
        out.add(new TwinUpdate("冷却塔", "{\"alerts\":[]}", 0));
        out.add(new TwinUpdate(repeat("t", 1, TwinCommand.TWIN_MAX_BYTES),
                "[" + "0,".repeat(32766) + "10]", MAX_TIME));
        out.add(TwinReply.success(0, "72.5"));
        out.add(TwinReply.failure(Integer.MAX_VALUE, "twin:forbidden", "you may not command pump-1"));
        out.add(new TwinReply(5, false, repeat("c", 1, TwinReply.CODE_MAX_BYTES),
                repeat("错", 3, TwinReply.MESSAGE_MAX_BYTES), repeat("1", 1, TwinReply.JSON_MAX_BYTES)));
        for (ChatScope scope : ChatScope.values()) {
            out.add(new Say(4, "导览员 Guide", scope, "欢迎，请随我来。Welcome!", "zh-CN", "greet", "smile",
                    List.of(new SayWord(0, 1, 0), new SayWord(1, 2, 230), new SayWord(8, 15, 1400)), "", "", false,
                    NOW));
        }
        out.add(new Say(0, "", ChatScope.DIRECT, "I am not sure; staff have been told.", "en", "shrug", "concerned",
                List.of(), "hall-42", "https://example.cn/guide?id=42", true, NOW));
        out.add(new Say(0, "", ChatScope.SPACE, "a", "", "", "", List.of(), "", "", false, 0));
        out.add(new Say(Integer.MAX_VALUE, repeat("😀", 4, PresenceEntry.DISPLAY_NAME_MAX_BYTES), ChatScope.NEARBY,
                repeat("a", 1, Say.TEXT_MAX_BYTES), repeat("l", 1, Say.LANG_MAX_BYTES),
                repeat("g", 1, Say.GESTURE_MAX_BYTES), repeat("e", 1, Say.EXPRESSION_MAX_BYTES),
                manyWords(Say.WORDS_MAX), repeat("i", 1, Say.ENTRY_ID_MAX_BYTES), repeat("链", 3, Say.LINK_MAX_BYTES),
                true, MAX_TIME));
        return out;
    }

    /** {@code n} five-unit words, eight units apart and 100 ms apart, inside a text of at least 8n units. */
    static List<SayWord> manyWords(int n) {
        List<SayWord> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new SayWord(i * 8, i * 8 + 5, i * 100));
        }
        return out;
    }

    /** Small messages only: for truncation at every offset, where a 10 000-entry Presence would be slow. */
    static List<byte[]> smallFrames() {
        List<byte[]> out = new ArrayList<>();
        for (ClientMessage m : client()) {
            byte[] f = Frames.encode(m);
            if (f.length <= 2048) {
                out.add(f);
            }
        }
        for (ServerMessage m : server()) {
            byte[] f = Frames.encode(m);
            if (f.length <= 2048) {
                out.add(f);
            }
        }
        return out;
    }

    static List<EntityUpdate> manyUpdates(int n) {
        List<EntityUpdate> out = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            out.add(EntityUpdate.of(i, i & EntityUpdate.ALL, i * 0.37f, 1.7f, -i * 0.11f, i * 0.01f, 0.2f, 1f, 0f, -1f,
                    i & 0xFF));
        }
        return out;
    }

    static List<PresenceEntry> manyPresence(int n) {
        List<PresenceEntry> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new PresenceEntry("user-" + i, "访客 " + i, i % 10 == 0 ? "member" : "guest"));
        }
        return out;
    }
}
