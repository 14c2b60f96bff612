package org.jphmesh.web.http.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows password guessing: after {@code maxFailures} failed logins within {@code window}, from one address
 * or for one account, further attempts are refused until the oldest failure leaves the window. A success
 * clears the account's failures but not the address's.
 *
 * <p>Bounded, because whoever reaches the sign-in page chooses the keys: each table (addresses, accounts)
 * keeps its keys in the order of their last attempt, drops the expired ones from the front on every call
 * (amortised constant work), and holds at most {@code maxKeys}. When a table is full of keys that are all
 * still in their window, the one left alone longest is forgotten: refusing new keys instead would lock
 * everyone out during a flood. A key that keeps trying (refused or not) stays at the back, so an address or
 * an account under active attack stays limited; what a flood from more than {@code maxKeys} addresses can
 * make the limiter forget is failures nobody followed up. Accounts longer than {@value #MAX_ACCOUNT_CHARS}
 * characters are the caller's to refuse (the API answers 400) before they get here.
 */
public final class LoginLimiter {

    /** RFC 5321 caps an email address at 254 characters, so a longer one names no account. */
    public static final int MAX_ACCOUNT_CHARS = 254;
    /** Per table; with 5 failures kept per key that is a few megabytes at most. */
    public static final int DEFAULT_MAX_KEYS = 10_000;
    /** An IPv6 address with a zone fits; the address comes from the socket or a trusted proxy's header. */
    private static final int MAX_ADDRESS_CHARS = 64;

    private final Clock clock;
    private final int maxFailures;
    private final long windowMillis;
    private final FailureTable addresses;
    private final FailureTable accounts;

    public LoginLimiter(Clock clock, int maxFailures, Duration window) {
        this(clock, maxFailures, window, DEFAULT_MAX_KEYS);
    }

    public LoginLimiter(Clock clock, int maxFailures, Duration window, int maxKeys) {
        if (maxFailures < 1 || maxKeys < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("maxFailures and maxKeys must be >= 1 and window > 0, not "
                    + maxFailures + ", " + maxKeys + ", " + window);
        }
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.windowMillis = window.toMillis();
        this.addresses = new FailureTable(maxKeys);
        this.accounts = new FailureTable(maxKeys);
    }

    /**
     * Takes one attempt for this address and account, counted as a failure until {@link #succeeded} says
     * otherwise; returns 0, or the seconds to wait when the limit is reached (then nothing is taken).
     * Taking it before the password is checked means parallel guesses cannot all pass the check at once.
     *
     * @throws IllegalArgumentException for an account longer than {@value #MAX_ACCOUNT_CHARS} characters
     */
    public synchronized long attempt(String address, String account) {
        checkAccount(account);
        String from = addressKey(address);
        long now = clock.millis();
        addresses.sweep(now);
        accounts.sweep(now);
        long wait = Math.max(addresses.wait(from, now), accounts.wait(account, now));
        if (wait > 0) {
            addresses.touch(from);
            accounts.touch(account);
            return wait;
        }
        addresses.record(from, now);
        accounts.record(account, now);
        return 0;
    }

    /** The attempt was right: it no longer counts against the account or the address. */
    public synchronized void succeeded(String address, String account) {
        checkAccount(account);
        addresses.forgetLast(addressKey(address));
        accounts.forget(account);
    }

    /** Keys held, addresses and accounts together. */
    public synchronized int size() {
        return addresses.failures.size() + accounts.failures.size();
    }

    /** Keys forgotten before their window ended because a table was full. */
    public synchronized long evicted() {
        return addresses.evicted + accounts.evicted;
    }

    private static void checkAccount(String account) {
        if (account.length() > MAX_ACCOUNT_CHARS) {
            throw new IllegalArgumentException("an account is at most " + MAX_ACCOUNT_CHARS + " characters, not "
                    + account.length());
        }
    }

    private static String addressKey(String address) {
        return address.length() <= MAX_ADDRESS_CHARS ? address : address.substring(0, MAX_ADDRESS_CHARS);
    }

    /** The failure times of one kind of key, in the order of each key's last attempt, oldest first. */
    private final class FailureTable {
        private final int maxKeys;
        private final LinkedHashMap<String, ArrayDeque<Long>> failures = new LinkedHashMap<>();
        private long evicted;

        FailureTable(int maxKeys) {
            this.maxKeys = maxKeys;
        }

        long wait(String key, long now) {
            ArrayDeque<Long> times = failures.get(key);
            if (times == null) {
                return 0;
            }
            while (!times.isEmpty() && times.peekFirst() <= now - windowMillis) {
                times.removeFirst();
            }
            if (times.isEmpty()) {
                failures.remove(key);
                return 0;
            }
            if (times.size() < maxFailures) {
                return 0;
            }
            long freeAt = times.peekFirst() + windowMillis;
            return Math.max(1, (freeAt - now + 999) / 1000);
        }

        void record(String key, long now) {
            // Removed and put back, so the key moves to the end: the order stays that of the last failure.
            ArrayDeque<Long> times = failures.remove(key);
            if (times == null) {
                times = new ArrayDeque<>(maxFailures);
                if (failures.size() >= maxKeys) {
                    Iterator<ArrayDeque<Long>> oldest = failures.values().iterator();
                    oldest.next();
                    oldest.remove();
                    evicted++;
                }
            }
            times.addLast(now);
            while (times.size() > maxFailures) {
                times.removeFirst();
            }
            failures.put(key, times);
        }

        // A refused attempt adds no failure but moves the key to the back: it is the last a full table forgets.
        void touch(String key) {
            ArrayDeque<Long> times = failures.remove(key);
            if (times != null) {
                failures.put(key, times);
            }
        }

        void forgetLast(String key) {
            ArrayDeque<Long> times = failures.get(key);
            if (times != null) {
                times.pollLast();
                if (times.isEmpty()) {
                    failures.remove(key);
                }
            }
        }

        void forget(String key) {
            failures.remove(key);
        }

        // Keys whose last failure left the window sit at the front; stop at the first one still inside it.
        // (A touched key may hold an older failure than one before it: it goes when reached, or at its next wait.)
        void sweep(long now) {
            for (Iterator<Map.Entry<String, ArrayDeque<Long>>> it = failures.entrySet().iterator(); it.hasNext(); ) {
                ArrayDeque<Long> times = it.next().getValue();
                if (!times.isEmpty() && times.peekLast() > now - windowMillis) {
                    return;
                }
                it.remove();
            }
        }
    }
}
