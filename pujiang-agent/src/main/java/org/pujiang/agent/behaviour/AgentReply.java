package org.pujiang.agent.behaviour;

import java.util.Objects;

/**
 * What an {@link Answerer} says to one question.
 *
 * @param text the answer to say; may be empty (null is taken as empty) when {@code handoff}: the brain then
 *     says its own words
 * @param lang the answer's language ("zh-CN", "en"), or null to detect it from {@code text}
 * @param entryId the knowledge-base entry the answer came from, or null
 * @param confidence how sure the answerer is, 0 to 1
 * @param handoff not sure enough to answer: staff should take over
 * @param gesture a gesture to make while saying it ({@code explain} when null)
 * @param link a link to show with the answer, or null
 * @param action something to do besides answering: null, {@link #TOUR}, {@link #TOUR_STOP} or {@link #HANDOFF}
 */
public record AgentReply(String text, String lang, String entryId, double confidence, boolean handoff, String gesture,
        String link, String action) {
    /** Start a tour with the asker and the visitors around. */
    public static final String TOUR = "tour";
    /** End the tour under way. */
    public static final String TOUR_STOP = "tour-stop";
    /** Hand over to staff (as {@code handoff}), even for a confident match. */
    public static final String HANDOFF = "handoff";

    public AgentReply {
        text = Objects.requireNonNullElse(text, "");
    }

    /** A confident answer from {@code entryId}, with no cues. */
    public static AgentReply answer(String text, String lang, String entryId, double confidence) {
        return new AgentReply(text, lang, entryId, confidence, false, null, null, null);
    }

    /** Not sure: staff should take over. */
    public static AgentReply unsure(String lang, double confidence) {
        return new AgentReply("", lang, null, confidence, true, null, null, null);
    }

    /** Whether staff should take over, by the flag or the action. */
    public boolean handsOff() {
        return handoff || HANDOFF.equals(action);
    }
}
