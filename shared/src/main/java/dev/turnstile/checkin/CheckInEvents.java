package dev.turnstile.checkin;

/**
 * Where check-in facts go after the hot table changed: EventBridge in AWS, an in-process bus in
 * the local runtime. Publishing must not delay the scanner's answer by more than a hand-off.
 */
public interface CheckInEvents {

    void publish(CheckInEvent event);
}
