package org.jphmesh.web.command;

import java.util.List;

/** What a command did: the flag sent, to whom, and for a ping the replies with their round trips. */
public record CommandOutcome(String sent, String to, List<Reply> replies) {

    public CommandOutcome {
        replies = replies == null ? null : List.copyOf(replies);
    }

    public record Reply(String from, double rttMs, boolean active) {
    }
}
