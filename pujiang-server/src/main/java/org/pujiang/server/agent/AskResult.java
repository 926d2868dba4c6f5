package org.pujiang.server.agent;

/**
 * An agent's answer to one question.
 *
 * @param answer what to say: the entry's answer (phrased by the {@link AnswerPhraser}), or, when not sure, that it
 *     is not sure and staff were told
 * @param entryId the knowledge-base entry the answer cites; null when not sure
 * @param confidence how much of the question the best entry covers, 0 to 1
 * @param handoff whether staff should take over: not sure, or the entry asks for a person (tag {@code handoff})
 * @param lang the language of {@code answer}
 * @param gesture the entry's gesture cue, or null
 * @param link the entry's link, or null
 * @param action what the agent should do besides answering: {@code tour}, {@code tour-stop} or {@code handoff}
 *     (from an entry tag {@code action:<name>}, or {@code handoff}), or null
 * @param version the knowledge-base version that answered (0: none yet)
 */
public record AskResult(String answer, String entryId, double confidence, boolean handoff, String lang, String gesture,
        String link, String action, int version) {}
