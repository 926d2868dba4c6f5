package org.pujiang.agent.text;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises a visitor's attempt to change what an agent is told to do ("ignore your instructions", "你现在是…",
 * "reveal your system prompt"). Such text is refused before it reaches retrieval or a language model. This is the first
 * line only: the model also gets the visitor's text as the user's message, never as instructions, and its answer must
 * cite one of the retrieved entries or it is not used. Pure; any thread.
 */
public final class PromptInjection {
    private PromptInjection() {}

    private record Rule(String reason, Pattern pattern) {}

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    private static final List<Rule> RULES = List.of(
            new Rule("asks to ignore the agent's instructions", Pattern.compile(
                    "\\b(ignore|disregard|forget|override|bypass)\\b.{0,40}\\b(instruction|instructions|prompt|prompts"
                            + "|rules|directions|guidelines|system message)\\b", FLAGS)),
            new Rule("asks for the agent's hidden instructions", Pattern.compile(
                    "\\b(reveal|show|print|repeat|tell me|what is|what's|leak|output)\\b.{0,30}\\b(system prompt"
                            + "|hidden prompt|your prompt|initial prompt|your instructions|system message)\\b", FLAGS)),
            new Rule("asks the agent to become someone else", Pattern.compile(
                    "\\b(you are now|from now on you are|act as|pretend (to be|you are)|roleplay as|jailbreak"
                            + "|developer mode|DAN mode|do anything now)\\b|\\byou are (now )?DAN\\b", FLAGS)),
            new Rule("asks to ignore the agent's instructions", Pattern.compile(
                    "(忽略|无视|忘记|忘掉|不要理会|跳过|绕过).{0,20}(指令|指示|提示|规则|设定|要求|限制|命令)")),
            new Rule("asks for the agent's hidden instructions", Pattern.compile(
                    "(系统提示|提示词|系统指令|初始指令|隐藏指令|系统设定|system prompt)")),
            new Rule("asks the agent to become someone else", Pattern.compile(
                    "(你现在是|从现在开始你是|从现在起你是|扮演一个|假装你是|你要扮演|越狱模式|开发者模式)")));

    /** Why the text looks like a prompt injection, or empty when it does not. */
    public static Optional<String> check(String text) {
        String s = TextNormaliser.normalise(text);
        for (Rule r : RULES) {
            if (r.pattern().matcher(s).find()) {
                return Optional.of(r.reason());
            }
        }
        return Optional.empty();
    }
}
