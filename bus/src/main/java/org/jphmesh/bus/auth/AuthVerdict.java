package org.jphmesh.bus.auth;

import java.util.Locale;

/** What the authenticator found on one datagram; every refusal is counted under its label. */
public enum AuthVerdict {
    /** A valid signature from a known key, fresh and not seen before. */
    VALID,
    /** No signature trailer. */
    UNSIGNED,
    /** A trailer whose MAC does not match: forged or altered in transit. */
    BAD_SIGNATURE,
    /** Signed with a key id this node does not hold. */
    UNKNOWN_KEY,
    /** Its timestamp lies outside the replay window of this node's clock. */
    STALE,
    /** The same frame (sender, bus, sequence, timestamp) was already accepted. */
    REPLAYED;

    public String label() {
        return "auth-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
