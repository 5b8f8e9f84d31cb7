package dev.bazaar.devstack;

/** A devstack failure whose message is meant for a human (what went wrong, and what to do). */
public class DevstackException extends RuntimeException {
    public DevstackException(String message) {
        super(message);
    }

    public DevstackException(String message, Throwable cause) {
        super(message, cause);
    }
}
